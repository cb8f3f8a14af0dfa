package dev.holdfast.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.storage.StorageException;
import dev.holdfast.storage.StorageException.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS to S3Proxy with a certificate from a test authority that the system does not trust. */
class S3TlsTest {
    private static TestCertificates certificates;
    private static S3ProxyServer server;

    @TempDir
    Path folder;

    @BeforeAll
    static void startServer() throws Exception {
        certificates = TestCertificates.create("Holdfast test CA");
        server = S3ProxyServer.start(
                new S3ProxyServer.Options().tls(certificates.serverContext()));
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void caFile_trustsTheServer() throws Exception {
        Path ca = certificates.writeCaPem(folder.resolve("ca.pem"));
        S3Settings settings = server.settings(server.createBucket()).caFile(ca).build();
        byte[] data = S3ProviderTest.randomBytes(7, 100_000);

        try (S3Provider provider = S3Provider.open("tls", settings, S3ProxyServer.environment())) {
            assertThat(server.endpoint().getScheme()).isEqualTo("https");
            assertThat(provider.putIfAbsent("data/over-tls", data)).isTrue();
            assertThat(provider.get("data/over-tls")).isEqualTo(data);
            assertThat(provider.get("data/over-tls", 99_990, 20)).hasSize(10);
        }
    }

    @Test
    void systemTrustStore_rejectsTheServerPermanently() throws Exception {
        S3Settings settings = server.settings(server.createBucket()).build();

        try (S3Provider provider = S3Provider.open("tls", settings, S3ProxyServer.environment())) {
            assertThatThrownBy(() -> provider.get("config"))
                    .isInstanceOfSatisfying(StorageException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
                        assertThat(e.getMessage()).contains("TLS handshake with 127.0.0.1",
                                "system's certificate authorities");
                    });
        }
    }

    @Test
    void caFileOfAnotherAuthority_rejectsTheServer() throws Exception {
        Path other = TestCertificates.create("Another CA").writeCaPem(folder.resolve("other.pem"));
        S3Settings settings = server.settings(server.createBucket()).caFile(other).build();

        try (S3Provider provider = S3Provider.open("tls", settings, S3ProxyServer.environment())) {
            assertThatThrownBy(() -> provider.stat("config"))
                    .isInstanceOfSatisfying(StorageException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
                        assertThat(e.getMessage()).contains("trusting only the certificates in \""
                                + other + "\"");
                    });
        }
    }

    @Test
    void unusableCaFile_failsOpen() throws Exception {
        Path missing = folder.resolve("missing.pem");
        Path notPem = Files.writeString(folder.resolve("not.pem"), "not a certificate\n");
        String bucket = server.createBucket();

        assertThatThrownBy(() -> S3Provider.open("tls", server.settings(bucket).caFile(missing)
                .build(), S3ProxyServer.environment()))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(e.getMessage()).contains("ca-file \"" + missing + "\" does not exist");
                });
        assertThatThrownBy(() -> S3Provider.open("tls", server.settings(bucket).caFile(notPem)
                .build(), S3ProxyServer.environment()))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("ca-file \"" + notPem + "\"");
    }
}
