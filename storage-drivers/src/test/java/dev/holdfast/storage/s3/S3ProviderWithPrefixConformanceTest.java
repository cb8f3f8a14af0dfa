package dev.holdfast.storage.s3;

import dev.holdfast.storage.Provider;
import dev.holdfast.storage.ProviderConformanceTest;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The S3 driver sharing one bucket among tests, each under its own prefix, with the smallest
 * part size (so the 20 MiB object goes up in four parts), listing pages of 100 keys (so the
 * listing of 3,200 keys follows 32 continuation tokens), and the check before each upload
 * chosen in the settings.
 */
class S3ProviderWithPrefixConformanceTest extends ProviderConformanceTest {
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static S3ProxyServer server;
    private static String bucket;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start();
        bucket = server.createBucket();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Override
    protected Provider createProvider() throws Exception {
        S3Settings settings = server.settings(bucket)
                .prefix("repositories/test-" + PREFIXES.incrementAndGet())
                .partSize(S3Settings.MIN_PART_SIZE)
                .listPageSize(100)
                .conditionalCreate(ConditionalCreate.CHECK_THEN_PUT)
                .build();
        return S3Provider.open("s3-prefixed", settings, S3ProxyServer.environment());
    }
}
