package dev.holdfast.storage.s3;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs one {@link S3ProxyServer} for all tests of a class. Register it in a static field with
 * {@code @RegisterExtension}; tests reach the server through {@link #server()}.
 */
public final class S3ProxyExtension implements BeforeAllCallback, AfterAllCallback {
    private S3ProxyServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = S3ProxyServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Returns the running server. */
    public S3ProxyServer server() {
        if (server == null) {
            throw new IllegalStateException("S3Proxy is not running: register the extension in "
                    + "a static field, so that it starts before the class's tests");
        }
        return server;
    }
}
