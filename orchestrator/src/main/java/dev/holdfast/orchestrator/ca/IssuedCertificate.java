package dev.holdfast.orchestrator.ca;

import dev.holdfast.orchestrator.ca.CaException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * A certificate that the CA has just issued, with its private key and the CA certificate.
 *
 * @param name the name it was issued for
 * @param certificate the new certificate
 * @param key its private key, which exists nowhere else until {@link #writeTo} stores it
 * @param caCertificate the certificate of the CA that signed it
 */
public record IssuedCertificate(String name, X509Certificate certificate, PrivateKey key,
        X509Certificate caCertificate) {
    public static final String CERTIFICATE_FILE = "cert.pem";
    public static final String KEY_FILE = "key.pem";
    public static final String CA_CERTIFICATE_FILE = "ca.pem";
    public static final String PKCS12_FILE = "bundle.p12";

    /**
     * The files of an issued certificate.
     *
     * @param pkcs12 key, certificate and CA certificate in one PKCS#12 file with an empty
     *     password, for Java key stores and browsers; mode {@code 0600} like the key
     */
    public record FileSet(Path certificate, Path key, Path caCertificate, Path pkcs12) {
        /** Returns the files that {@link IssuedCertificate#writeTo} writes in {@code folder}. */
        public static FileSet in(Path folder) {
            return new FileSet(folder.resolve(CERTIFICATE_FILE), folder.resolve(KEY_FILE),
                    folder.resolve(CA_CERTIFICATE_FILE), folder.resolve(PKCS12_FILE));
        }

        List<Path> all() {
            return List.of(certificate, key, caCertificate, pkcs12);
        }
    }

    /**
     * Writes the certificate, its key, the CA certificate and a PKCS#12 bundle into
     * {@code folder}, created with mode {@code 0700} when missing. Nothing is overwritten:
     * when any of the files exists, none is written.
     */
    public FileSet writeTo(Path folder) throws CaException {
        FileSet files = FileSet.in(folder);
        for (Path file : files.all()) {
            if (Files.exists(file)) {
                throw new CaException(Reason.EXISTS, "\"" + file + "\" exists already: ca issue "
                        + "never overwrites a certificate; choose another name, or another "
                        + "folder with --out");
            }
        }
        CertificateAuthority.createPrivateFolder(folder);
        List<Path> written = new ArrayList<>();
        try {
            PemFiles.writeKey(files.key(), key, null);
            written.add(files.key());
            PemFiles.writeCertificate(files.certificate(), certificate);
            written.add(files.certificate());
            PemFiles.writeCertificate(files.caCertificate(), caCertificate);
            written.add(files.caCertificate());
            PemFiles.writeNew(files.pkcs12(), pkcs12(), PemFiles.SECRET);
        } catch (CaException e) {
            written.forEach(CertificateAuthority::deleteQuietly);
            throw e;
        }
        return files;
    }

    private byte[] pkcs12() throws CaException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(name, key, new char[0],
                    new Certificate[] {certificate, caCertificate});
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, new char[0]);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new CaException(Reason.FAILED, "cannot build the PKCS#12 bundle of \"" + name
                    + "\": " + e.getMessage(), e);
        }
    }
}
