package dev.holdfast.storage.s3;

import dev.holdfast.storage.Provider;
import dev.holdfast.storage.ProviderConformanceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The S3 driver with its defaults on a real S3 server, a new bucket for each test. S3Proxy
 * ignores If-None-Match, so the detected behaviour is a check before each upload.
 */
class S3ProviderConformanceTest extends ProviderConformanceTest {
    private static S3ProxyServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Override
    protected Provider createProvider() throws Exception {
        return S3Provider.open("s3", server.settings(server.createBucket()).build(),
                S3ProxyServer.environment());
    }
}
