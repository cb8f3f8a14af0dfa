package dev.holdfast.orchestrator.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A plain-HTTP server on a loopback port that fetches each GET from the API with a client
 * certificate and returns the API's status, content type, security headers and body as they
 * are. Headless Chromium can present no client certificate without a system-wide policy, so
 * it reads the API's pages through this.
 */
final class CertificateProxy implements AutoCloseable {
    private final HttpServer server;

    private CertificateProxy(HttpServer server) {
        this.server = server;
    }

    static CertificateProxy start(URI api, HttpClient client) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(
                        api.resolve(exchange.getRequestURI().getRawPath())).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                for (String header : new String[] {"Content-Type", "Content-Security-Policy",
                    "X-Content-Type-Options"}) {
                    response.headers().firstValue(header).ifPresent(value ->
                            exchange.getResponseHeaders().set(header, value));
                }
                exchange.sendResponseHeaders(response.statusCode(), response.body().length);
                exchange.getResponseBody().write(response.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        return new CertificateProxy(server);
    }

    /** Returns {@code http://127.0.0.1:PORT}. */
    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
