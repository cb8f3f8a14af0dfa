package dev.holdfast.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on a loopback port in front of a server on another loopback port, which
 * misbehaves on chosen connections: it resets them, answers 503 SlowDown, or never answers.
 * Connections after the scripted ones are relayed unchanged.
 */
final class TcpRelay implements AutoCloseable {
    /** What the relay does with one accepted connection. */
    enum Action {
        /** Passes bytes both ways. */
        RELAY,
        /** Closes the connection at once with a TCP reset. */
        RESET,
        /** Reads the request head and responds 503 with the S3 error code SlowDown. */
        SLOW_DOWN,
        /** Reads the request and never responds, until the client gives up. */
        HANG
    }

    private static final String SLOW_DOWN_BODY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<Error><Code>SlowDown</Code><Message>Please reduce your request rate."
            + "</Message><RequestId>relay</RequestId></Error>";

    private final int targetPort;
    private final List<Action> script;
    private final ServerSocket listener;
    private final AtomicInteger accepted = new AtomicInteger();

    TcpRelay(int targetPort, Action... firstConnections) throws IOException {
        this.targetPort = targetPort;
        this.script = List.of(firstConnections);
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofVirtual().name("relay-accept").start(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Returns how many connections the relay accepted. */
    int connections() {
        return accepted.get();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                int index = accepted.getAndIncrement();
                Action action = index < script.size() ? script.get(index) : Action.RELAY;
                Thread.ofVirtual().name("relay-" + index).start(() -> handle(client, action));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void handle(Socket client, Action action) {
        try (client) {
            switch (action) {
                case RESET -> client.setSoLinger(true, 0);
                case SLOW_DOWN -> slowDown(client);
                case HANG -> client.getInputStream().transferTo(OutputStream.nullOutputStream());
                case RELAY -> relay(client);
            }
        } catch (IOException e) {
            // The client went away; nothing to report.
        }
    }

    private static void slowDown(Socket client) throws IOException {
        readHead(client.getInputStream());
        byte[] body = SLOW_DOWN_BODY.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        OutputStream out = client.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** Reads up to the blank line that ends the head of an HTTP request. */
    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int b = in.read(); b >= 0; b = in.read()) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == end.length) {
                return;
            }
        }
    }

    private void relay(Socket client) throws IOException {
        try (Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
            Thread upstream = Thread.ofVirtual().start(() -> pump(client, server));
            pump(server, client);
            try {
                upstream.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // Both ends are closing anyway.
            }
        }
    }
}
