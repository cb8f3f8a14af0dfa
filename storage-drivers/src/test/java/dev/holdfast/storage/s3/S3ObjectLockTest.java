package dev.holdfast.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.storage.StorageException;
import dev.holdfast.storage.StorageException.Kind;
import dev.holdfast.storage.s3.RecordedRequests.Exchange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Object-lock retention on upload, observed in the requests that leave the client. S3Proxy
 * does not enforce object lock: started to ignore unknown headers it stores the objects, and
 * with its defaults it rejects the headers with 501 Not Implemented.
 */
class S3ObjectLockTest {
    private static final int MIB = 1 << 20;
    private static final Instant NOW = Instant.parse("2030-01-02T03:04:05.678Z");
    private static S3ProxyServer lenient;
    private static S3ProxyServer strict;

    private final RecordedRequests recorded = new RecordedRequests();

    @BeforeAll
    static void startServers() throws Exception {
        lenient = S3ProxyServer.start(new S3ProxyServer.Options().ignoreUnknownHeaders());
        strict = S3ProxyServer.start();
    }

    @AfterAll
    static void stopServers() throws Exception {
        lenient.close();
        strict.close();
    }

    @Test
    void singlePut_carriesRetentionHeaders() throws Exception {
        ObjectLock lock = new ObjectLock(ObjectLock.Mode.GOVERNANCE, Duration.ofDays(30));
        try (S3Provider provider = open(lenient, lock)) {
            assertThat(provider.putIfAbsent("data/small", new byte[1000])).isTrue();
        }

        List<Exchange> puts = uploadsOf("data/small", "PUT");
        assertThat(puts).hasSize(1);
        Exchange put = puts.getFirst();
        assertThat(put.header("x-amz-object-lock-mode")).isEqualTo("GOVERNANCE");
        assertThat(put.header("x-amz-object-lock-retain-until-date"))
                .isEqualTo("2030-02-01T03:04:05Z");
        assertThat(put.header("Content-MD5")).as("S3 requires it with retention").isNotBlank();
        assertThat(put.status()).isEqualTo(200);
    }

    @Test
    void multipartUpload_carriesRetentionHeadersOnCreation() throws Exception {
        ObjectLock lock = new ObjectLock(ObjectLock.Mode.COMPLIANCE, Duration.ofHours(36));
        byte[] data = S3ProviderTest.randomBytes(5, 6 * MIB);
        try (S3Provider provider = open(lenient, lock)) {
            assertThat(provider.putIfAbsent("packs/large", data)).isTrue();
            assertThat(provider.get("packs/large")).isEqualTo(data);
        }

        List<Exchange> posts = uploadsOf("packs/large", "POST");
        assertThat(posts).hasSize(2);
        Exchange create = posts.getFirst();
        assertThat(create.hasQuery("uploads")).isTrue();
        assertThat(create.header("x-amz-object-lock-mode")).isEqualTo("COMPLIANCE");
        assertThat(create.header("x-amz-object-lock-retain-until-date"))
                .isEqualTo("2030-01-03T15:04:05Z");
        assertThat(uploadsOf("packs/large", "PUT"))
                .allSatisfy(part -> assertThat(part.header("Content-MD5")).isNotBlank());
    }

    @Test
    void withoutObjectLock_sendsNoRetentionHeaders() throws Exception {
        try (S3Provider provider = open(lenient, null)) {
            provider.putIfAbsent("data/plain", new byte[10]);
        }

        assertThat(recorded.all()).allMatch(e -> e.header("x-amz-object-lock-mode") == null);
    }

    @Test
    void serverWithoutObjectLock_isPermanentNotImplemented() throws Exception {
        ObjectLock lock = new ObjectLock(ObjectLock.Mode.GOVERNANCE, Duration.ofDays(1));
        try (S3Provider provider = open(strict, lock)) {
            assertThatThrownBy(() -> provider.putIfAbsent("data/x", new byte[1]))
                    .isInstanceOfSatisfying(StorageException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
                        assertThat(e.getMessage()).contains("NotImplemented", "object lock");
                    });
        }
    }

    @Test
    void retention_belowOneSecond_isRejected() {
        assertThatThrownBy(() -> new ObjectLock(ObjectLock.Mode.GOVERNANCE, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
    }

    private S3Provider open(S3ProxyServer server, ObjectLock lock) throws StorageException {
        S3Settings settings = server.settings(server.createBucket()).partSize(5 * MIB)
                .conditionalCreate(ConditionalCreate.CHECK_THEN_PUT).objectLock(lock).build();
        return S3Provider.open("locked", settings, S3ProxyServer.environment(),
                builder -> builder.addNetworkInterceptor(recorded),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private List<Exchange> uploadsOf(String key, String method) {
        return recorded.all().stream()
                .filter(e -> e.request().url().encodedPath().endsWith("/" + key))
                .filter(e -> e.method().equals(method)).toList();
    }
}
