package dev.holdfast.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.storage.ObjectInfo;
import dev.holdfast.storage.StorageException;
import dev.holdfast.storage.StorageException.Kind;
import dev.holdfast.storage.s3.RecordedRequests.Exchange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import okhttp3.Interceptor;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The S3 driver's uploads, reads, listings and error messages against S3Proxy. */
class S3ProviderTest {
    private static final int MIB = 1 << 20;
    private static S3ProxyServer server;

    @TempDir
    Path folder;

    private final RecordedRequests recorded = new RecordedRequests();
    private S3Provider provider;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @AfterEach
    void closeProvider() {
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void largeObject_uploadsInParts() throws Exception {
        provider = open(settings().partSize(5 * MIB).build());
        byte[] data = randomBytes(1, 12 * MIB + 3);

        assertThat(provider.putIfAbsent("packs/large", data)).isTrue();

        List<Exchange> parts = recorded.all().stream()
                .filter(e -> e.request().url().encodedPath().endsWith("/packs/large"))
                .filter(e -> e.method().equals("PUT") && e.hasQuery("partNumber")).toList();
        assertThat(parts).extracting(e -> e.request().url().queryParameter("partNumber"))
                .containsExactly("1", "2", "3");
        assertThat(recorded.all()).filteredOn(e -> e.method().equals("POST"))
                .filteredOn(e -> e.request().url().encodedPath().endsWith("/packs/large"))
                .hasSize(2); // create and complete
        assertThat(provider.get("packs/large")).isEqualTo(data);
        assertThat(provider.stat("packs/large")).map(ObjectInfo::size).contains(12L * MIB + 3);
    }

    @Test
    void rangedRead_acrossPartBoundaries_returnsSlices() throws Exception {
        provider = open(settings().partSize(5 * MIB).build());
        byte[] data = randomBytes(2, 11 * MIB);
        provider.putIfAbsent("packs/ranged", data);
        record Case(String description, long offset, int length) {
        }
        List<Case> cases = List.of(
                new Case("across the first boundary", 5L * MIB - 10, 20),
                new Case("a whole part", 5L * MIB, 5 * MIB),
                new Case("across the end", 11L * MIB - 7, 100),
                new Case("one byte at the start", 0, 1));

        for (Case c : cases) {
            int end = (int) Math.min(data.length, c.offset() + c.length());
            assertThat(provider.get("packs/ranged", c.offset(), c.length())).as(c.description())
                    .isEqualTo(Arrays.copyOfRange(data, (int) c.offset(), end));
        }
        assertThat(provider.get("packs/ranged", 11L * MIB, 10)).as("at the end").isEmpty();
    }

    @Test
    void list_followsContinuationTokens() throws Exception {
        provider = open(settings().prefix("repo").listPageSize(7).build());
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String key = "index/%03d".formatted(i);
            provider.putIfAbsent(key, new byte[] {(byte) i});
            expected.add(key);
        }
        provider.putIfAbsent("indexes-not-under-index-slash", new byte[1]);
        server.blobStore().putBlob(provider.settings().bucket(), server.blobStore()
                .blobBuilder("outside-the-prefix").payload(new byte[1]).build());
        recorded.clear();
        Map<String, Long> listed = new HashMap<>();

        provider.list("index/", info -> listed.put(info.key(), info.size()));

        assertThat(listed.keySet()).isEqualTo(expected);
        assertThat(listed.values()).containsOnly(1L);
        assertThat(recorded.all()).hasSize(8); // 50 keys in pages of 7
        assertThat(recorded.all()).filteredOn(e -> e.hasQuery("continuation-token")).hasSize(7);
        Set<String> all = new HashSet<>();
        provider.list("", info -> all.add(info.key()));
        assertThat(all).hasSize(51).doesNotContain("outside-the-prefix");
    }

    @Test
    void prefix_keepsObjectsUnderIt() throws Exception {
        provider = open(settings().prefix("team/laptop/").build());

        provider.putIfAbsent("config", new byte[] {7});

        String bucket = provider.settings().bucket();
        assertThat(server.blobStore().blobExists(bucket, "team/laptop/config")).isTrue();
        assertThat(server.blobStore().blobExists(bucket, "config")).isFalse();
    }

    @Test
    void detect_onS3Proxy_fallsBackToCheck() throws Exception {
        provider = open(settings().build());

        assertThat(provider.putIfAbsent("snapshots/one", bytes("first"))).isTrue();
        assertThat(provider.putIfAbsent("snapshots/one", bytes("second"))).isFalse();

        assertThat(provider.get("snapshots/one")).isEqualTo(bytes("first"));
        Set<String> names = new HashSet<>();
        server.blobStore().list(provider.settings().bucket(), ListContainerOptions.Builder
                .recursive()).forEach(metadata -> names.add(metadata.getName()));
        assertThat(names).containsExactly("snapshots/one");
        List<Exchange> conditional = recorded.all().stream()
                .filter(e -> "*".equals(e.header("If-None-Match"))).toList();
        assertThat(conditional).hasSize(2); // the probe's PUT and its multipart completion
    }

    /**
     * Records what S3Proxy 2.6 does with If-None-Match: it stores the object anyway, on a PUT
     * and on a multipart completion, which is why the driver detects support before using it.
     */
    @Test
    void s3proxy_ignoresIfNoneMatch() throws Exception {
        provider = open(settings().partSize(5 * MIB)
                .conditionalCreate(ConditionalCreate.IF_NONE_MATCH).build());
        byte[] large = randomBytes(3, 6 * MIB);
        byte[] larger = randomBytes(4, 7 * MIB);

        assertThat(provider.putIfAbsent("small", bytes("first"))).isTrue();
        assertThat(provider.putIfAbsent("small", bytes("second"))).isTrue();
        assertThat(provider.putIfAbsent("large", large)).isTrue();
        assertThat(provider.putIfAbsent("large", larger)).isTrue();

        assertThat(provider.get("small")).isEqualTo(bytes("second"));
        assertThat(provider.get("large")).isEqualTo(larger);
        assertThat(recorded.all()).filteredOn(e -> "*".equals(e.header("If-None-Match")))
                .extracting(Exchange::method, Exchange::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("PUT", 200),
                        org.assertj.core.groups.Tuple.tuple("PUT", 200),
                        org.assertj.core.groups.Tuple.tuple("POST", 200),
                        org.assertj.core.groups.Tuple.tuple("POST", 200));
    }

    @Test
    void checkThenPut_sendsNoCondition() throws Exception {
        provider = open(settings().conditionalCreate(ConditionalCreate.CHECK_THEN_PUT).build());

        assertThat(provider.putIfAbsent("keys/one", bytes("slot"))).isTrue();
        assertThat(provider.putIfAbsent("keys/one", bytes("other"))).isFalse();

        assertThat(recorded.all()).extracting(Exchange::method)
                .containsExactly("HEAD", "PUT", "HEAD");
        assertThat(recorded.all()).allMatch(e -> e.header("If-None-Match") == null);
    }

    @Test
    void missingBucket_isPermanentAndNamesIt() throws Exception {
        provider = open(settings("no-such-bucket").build());

        for (StorageCall call : List.<StorageCall>of(
                () -> provider.get("config"),
                () -> provider.list("", info -> { }),
                () -> provider.putIfAbsent("config", new byte[1]))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(StorageException.class, e -> {
                assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
                assertThat(e.getMessage()).startsWith("provider \"test\": ")
                        .contains("bucket \"no-such-bucket\" does not exist at "
                                + server.endpoint(), "NoSuchBucket");
            });
        }
        // A HEAD response has no body to tell a missing bucket from a missing object.
        assertThat(provider.stat("config")).isEmpty();
    }

    @Test
    void wrongAccessKey_namesItsSource() throws Exception {
        Map<String, String> environment = new HashMap<>(S3ProxyServer.environment());
        environment.put(S3ProxyServer.ACCESS_KEY_VARIABLE, "not-a-known-access-key");
        provider = open(settings().build(), environment);

        assertThatThrownBy(() -> provider.get("config"))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(e.getMessage()).contains("InvalidAccessKeyId",
                            "environment variable " + S3ProxyServer.ACCESS_KEY_VARIABLE,
                            "bucket \"" + provider.settings().bucket() + "\"");
                    assertThat(e.getMessage()).doesNotContain("not-a-known-access-key");
                });
    }

    @Test
    void wrongSecretKey_namesItsSource() throws Exception {
        Map<String, String> environment = new HashMap<>(S3ProxyServer.environment());
        environment.put(S3ProxyServer.SECRET_KEY_VARIABLE, "wrong-secret-Kd82jf0");
        provider = open(settings().build(), environment);

        assertThatThrownBy(() -> provider.list("", info -> { }))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(e.getMessage()).contains("SignatureDoesNotMatch",
                            "environment variable " + S3ProxyServer.SECRET_KEY_VARIABLE,
                            "bucket \"" + provider.settings().bucket() + "\"");
                    assertThat(e.getMessage()).doesNotContain("wrong-secret-Kd82jf0");
                });
        assertThatThrownBy(() -> provider.stat("config"))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(e.getMessage()).contains("AccessDenied", "clock");
                });
    }

    /** S3Proxy's own time check rejects a request that was signed an hour in the past. */
    @Test
    void skewedClock_isPermanentRequestTimeTooSkewed() throws Exception {
        provider = open(settings().build(), S3ProxyServer.environment(),
                SignedInThePast.hours(1));

        assertThatThrownBy(() -> provider.get("config"))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(e.getMessage()).startsWith("provider \"test\": get \"config\"")
                            .contains("RequestTimeTooSkewed", "clock of this machine",
                                    "bucket \"" + provider.settings().bucket() + "\"");
                });
    }

    @Test
    void missingCredential_failsOpenNamingTheSource() {
        Map<String, String> environment = Map.of(S3ProxyServer.ACCESS_KEY_VARIABLE, "a");

        assertThatThrownBy(() -> S3Provider.open("test", settings().build(), environment))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(e.getMessage()).contains("environment variable "
                            + S3ProxyServer.SECRET_KEY_VARIABLE + " is not set");
                });
    }

    @Test
    void credentialFiles_areReadWithoutLineEnding() throws Exception {
        Path access = Files.writeString(folder.resolve("access"), S3ProxyServer.ACCESS_KEY + "\n");
        Path secret = Files.writeString(folder.resolve("secret"),
                S3ProxyServer.SECRET_KEY + "\r\n");
        CredentialSources files = new CredentialSources(SecretSource.file(access),
                SecretSource.file(secret));
        S3Settings settings = S3Settings.builder(server.endpoint(), server.createBucket(), files)
                .build();
        provider = S3Provider.open("test", settings, Map.of());

        assertThat(provider.putIfAbsent("a", new byte[] {1})).isTrue();
        assertThat(provider.get("a")).containsExactly(1);
        Files.delete(secret);
        assertThatThrownBy(() -> S3Provider.open("test", settings, Map.of()))
                .hasMessageContaining("file \"" + secret + "\" cannot be read: no such file");
    }

    private S3Settings.Builder settings() {
        return settings(server.createBucket());
    }

    private static S3Settings.Builder settings(String bucket) {
        return server.settings(bucket);
    }

    private S3Provider open(S3Settings settings) throws StorageException {
        return open(settings, S3ProxyServer.environment());
    }

    private S3Provider open(S3Settings settings, Map<String, String> environment,
            Interceptor... interceptors) throws StorageException {
        return S3Provider.open("test", settings, environment, builder -> {
            for (Interceptor interceptor : interceptors) {
                builder.addInterceptor(interceptor);
            }
            builder.addNetworkInterceptor(recorded);
        }, Clock.systemUTC());
    }

    static byte[] randomBytes(long seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    private interface StorageCall {
        void run() throws Exception;
    }
}
