package dev.holdfast.orchestrator.api;

import dev.holdfast.orchestrator.ca.CaException;
import dev.holdfast.orchestrator.ca.IssuedCertificate;
import dev.holdfast.orchestrator.ca.PemFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS side of the API: the node certificate it presents and the one CA whose client
 * certificates it accepts. The JDK's PKIX trust manager checks each client certificate's
 * signature, validity period and extended key usage (clientAuth) during the handshake.
 */
// TODO: there is no revocation list. A client certificate stays valid until it expires, and
// revoking one early means creating a new CA and reissuing every certificate.
public final class ServerTls {
    /** TLS 1.3 first; 1.2 for older clients. Older versions are off. */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SSLContext context;
    private final X509Certificate nodeCertificate;

    private ServerTls(SSLContext context, X509Certificate nodeCertificate) {
        this.context = context;
        this.nodeCertificate = nodeCertificate;
    }

    /**
     * Loads the node certificate ({@code cert.pem}, {@code key.pem}) and the CA certificate
     * ({@code ca.pem}) from {@code folder}, as {@code holdfast ca issue NAME --node} writes
     * them.
     *
     * @param setting the configuration key that names the folder, for messages
     */
    public static ServerTls load(Path folder, String setting) throws ApiException {
        IssuedCertificate.FileSet files = IssuedCertificate.FileSet.in(folder);
        X509Certificate node = certificate(files.certificate(), setting);
        PrivateKey key = key(files.key(), setting);
        X509Certificate ca = certificate(files.caCertificate(), setting);
        try {
            node.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new ApiException("the node certificate \"" + files.certificate() + "\" was "
                    + "not issued by the CA certificate \"" + files.caCertificate() + "\" beside "
                    + "it: issue the node certificate again with holdfast ca issue NAME --node");
        }
        try {
            return new ServerTls(context(node, key, ca), node);
        } catch (GeneralSecurityException | IOException e) {
            throw new ApiException("cannot set up TLS with the node certificate in \"" + folder
                    + "\": " + e.getMessage(), e);
        }
    }

    private static X509Certificate certificate(Path file, String setting) throws ApiException {
        try {
            return PemFiles.readCertificate(file);
        } catch (CaException e) {
            throw problem(file, setting, e);
        }
    }

    private static PrivateKey key(Path file, String setting) throws ApiException {
        try {
            return PemFiles.readKey(file);
        } catch (CaException e) {
            throw problem(file, setting, e);
        }
    }

    private static ApiException problem(Path file, String setting, CaException e) {
        if (e.reason() == CaException.Reason.NOT_FOUND) {
            return new ApiException("the HTTP API needs a node certificate, but \"" + file
                    + "\" was not found: run holdfast ca init once, then holdfast ca issue node "
                    + "--node, or set " + setting + " to the folder of a node certificate", e);
        }
        return new ApiException(e.getMessage() + " (named by " + setting + ")", e);
    }

    private static SSLContext context(X509Certificate node, PrivateKey key, X509Certificate ca)
            throws GeneralSecurityException, IOException {
        // The key store lives only in memory; its password protects nothing.
        char[] password = new char[0];
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("node", key, password, new Certificate[] {node, ca});
        KeyManagerFactory keyManagers =
                KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);

        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("holdfast-ca", ca);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
        trustManagers.init(anchors);

        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(),
                new SecureRandom());
        return context;
    }

    SSLContext context() {
        return context;
    }

    /** Returns the handshake settings: TLS 1.3 or 1.2, and a client certificate required. */
    SSLParameters parameters() {
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setNeedClientAuth(true);
        return parameters;
    }

    /** Returns when the node certificate expires. */
    public Instant notAfter() {
        return nodeCertificate.getNotAfter().toInstant();
    }
}
