package dev.holdfast.restoretester.environment;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on the loopback address. */
final class Ports {
    private Ports() {
    }

    /**
     * Returns a port that was free on 127.0.0.1 a moment ago. Another process may take it
     * before the server binds it, so servers retry with a new port when binding fails.
     */
    static int free() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
