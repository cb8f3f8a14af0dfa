package dev.holdfast.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/** Builds the HTTP client of an S3 provider from its timeouts and TLS trust settings. */
final class HttpClients {
    /**
     * Requests in flight at once. OkHttp's default of 5 per host would queue the parallel
     * uploads of a backup behind each other.
     */
    private static final int MAX_REQUESTS = 64;

    private HttpClients() {
    }

    static OkHttpClient.Builder builder(S3Settings settings) throws IOException {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(MAX_REQUESTS);
        dispatcher.setMaxRequestsPerHost(MAX_REQUESTS);
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(settings.writeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // The MinIO SDK signs HTTP/1.1 requests and does not use HTTP/2.
                .protocols(List.of(Protocol.HTTP_1_1));
        if (settings.caFile().isPresent()) {
            X509TrustManager trust = trustOnly(settings.caFile().get());
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {trust}, null);
                builder.sslSocketFactory(context.getSocketFactory(), trust);
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot set up TLS with the certificates of ca-file \""
                        + settings.caFile().get() + "\": " + e.getMessage(), e);
            }
        }
        return builder;
    }

    /** Returns a trust manager that accepts only chains that end at a certificate in {@code pem}. */
    static X509TrustManager trustOnly(Path pem) throws IOException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pem)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (NoSuchFileException e) {
            throw new IOException("ca-file \"" + pem + "\" does not exist", e);
        } catch (AccessDeniedException e) {
            throw new IOException("ca-file \"" + pem + "\" cannot be read: permission denied", e);
        } catch (GeneralSecurityException e) {
            throw new IOException("ca-file \"" + pem + "\" does not contain PEM certificates: "
                    + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IOException("ca-file \"" + pem + "\" contains no certificate; expected "
                    + "PEM blocks that start with -----BEGIN CERTIFICATE-----");
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + index++, certificate);
            }
            TrustManagerFactory factory =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IOException("the JDK offers no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the certificates of ca-file \"" + pem + "\": "
                    + e.getMessage(), e);
        }
    }
}
