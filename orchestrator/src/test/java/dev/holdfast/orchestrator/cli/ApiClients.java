package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.ca.PemFiles;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** HTTP clients of the API that trust its CA and present a certificate that it issued. */
final class ApiClients {
    private ApiClients() {
    }

    /** Returns a client with the key and certificate in {@code certificateFolder}. */
    static HttpClient withCertificate(Path caCertificate, Path certificateFolder)
            throws Exception {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("ca", PemFiles.readCertificate(caCertificate));
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(anchors);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", PemFiles.readKey(certificateFolder.resolve("key.pem")),
                new char[0], new Certificate[] {PemFiles.readCertificate(
                        certificateFolder.resolve("cert.pem"))});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(
                KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), new SecureRandom());
        return HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }
}
