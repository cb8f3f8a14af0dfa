package dev.holdfast.orchestrator.ca;

import dev.holdfast.orchestrator.ca.CaException.Reason;
import dev.holdfast.storage.filesystem.IoFailures;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The orchestrator's certificate authority: a self-signed CA certificate ({@value
 * #CERTIFICATE_FILE}) and its private key ({@value #KEY_FILE}, mode {@code 0600}) in one
 * folder. The key is PKCS#8, encrypted when the CA was created with a passphrase. Issued
 * certificates go to {@value #ISSUED_FOLDER}/NAME unless the caller names another folder.
 */
public final class CertificateAuthority {
    public static final String CERTIFICATE_FILE = "ca.pem";
    public static final String KEY_FILE = "ca-key.pem";
    public static final String ISSUED_FOLDER = "issued";
    /** Lifetime of the CA certificate: ten years, after which every certificate is reissued. */
    static final int CA_DAYS = 3650;
    /**
     * How far before its issue time a certificate becomes valid, so that a node whose clock
     * runs a few minutes behind the CA's accepts a certificate issued just now.
     */
    static final Duration BACKDATE = Duration.ofMinutes(5);
    private static final String CURVE = "secp256r1";
    private static final String SIGNATURE = "SHA256withECDSA";

    private final Path folder;
    private final X509Certificate certificate;
    private final PrivateKey key;
    private final SecureRandom random;

    private CertificateAuthority(Path folder, X509Certificate certificate, PrivateKey key) {
        this.folder = folder;
        this.certificate = certificate;
        this.key = key;
        this.random = new SecureRandom();
    }

    /**
     * Creates a new CA in {@code folder}, which may exist but must not hold a CA. The folder
     * is created with mode {@code 0700} when missing.
     *
     * @param passphrase encrypts the key when not null
     * @return the new CA certificate
     * @throws CaException with {@link Reason#EXISTS} when either file of a CA exists already
     */
    public static X509Certificate create(Path folder, char[] passphrase, Clock clock)
            throws CaException {
        Path certificateFile = folder.resolve(CERTIFICATE_FILE);
        Path keyFile = folder.resolve(KEY_FILE);
        for (Path file : List.of(certificateFile, keyFile)) {
            if (Files.exists(file)) {
                throw new CaException(Reason.EXISTS, "a certificate authority exists already in "
                        + "\"" + folder + "\" (" + file.getFileName() + "): ca init never "
                        + "overwrites it; use it with holdfast ca issue, or name another folder "
                        + "with --ca-dir");
            }
        }
        createPrivateFolder(folder);
        KeyPair pair = newKeyPair();
        SecureRandom random = new SecureRandom();
        X500Name subject = commonName("Holdfast CA " + HexFormat.of().formatHex(
                random.generateSeed(4)));
        Instant now = clock.instant();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                serial(random), Date.from(now.minus(BACKDATE)),
                Date.from(now.plus(Duration.ofDays(CA_DAYS))), subject, pair.getPublic());
        X509Certificate certificate = sign(builder, pair.getPrivate(), extensions -> {
            // Path length 0: the CA signs end-entity certificates only, never another CA.
            extensions.add(Extension.basicConstraints, true, new BasicConstraints(0));
            extensions.add(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            extensions.add(Extension.subjectKeyIdentifier, false,
                    utilities().createSubjectKeyIdentifier(pair.getPublic()));
        });
        PemFiles.writeKey(keyFile, pair.getPrivate(), passphrase);
        try {
            PemFiles.writeCertificate(certificateFile, certificate);
        } catch (CaException e) {
            deleteQuietly(keyFile);
            throw e;
        }
        return certificate;
    }

    /** Returns whether the CA in {@code folder} has an encrypted key. */
    public static boolean encrypted(Path folder) throws CaException {
        return PemFiles.encrypted(requireFile(folder, KEY_FILE));
    }

    /**
     * Opens the CA in {@code folder}.
     *
     * @param passphrase decrypts an encrypted key; may be null for an unencrypted one
     * @param passphraseHint how to provide the passphrase, for the message when it is missing
     */
    public static CertificateAuthority open(Path folder, char[] passphrase,
            String passphraseHint) throws CaException {
        X509Certificate certificate = PemFiles.readCertificate(
                requireFile(folder, CERTIFICATE_FILE));
        PrivateKey key = PemFiles.readKey(requireFile(folder, KEY_FILE), passphrase,
                passphraseHint);
        return new CertificateAuthority(folder, certificate, key);
    }

    private static Path requireFile(Path folder, String name) throws CaException {
        Path file = folder.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new CaException(Reason.NOT_FOUND, "no certificate authority in \"" + folder
                    + "\": " + name + " not found; create one with holdfast ca init, or name "
                    + "its folder with --ca-dir or service.ca-dir");
        }
        return file;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** Returns the folder of certificates issued under {@code name} by default. */
    public Path issuedFolder(String name) {
        return folder.resolve(ISSUED_FOLDER).resolve(name);
    }

    /**
     * Issues a certificate with a new key pair, valid from shortly before now for
     * {@code request.days()}.
     *
     * @throws CaException with {@link Reason#INVALID_REQUEST} when it would outlive the CA
     */
    public IssuedCertificate issue(IssueRequest request, Clock clock) throws CaException {
        Instant now = clock.instant();
        Instant notAfter = now.plus(Duration.ofDays(request.days()));
        if (notAfter.isAfter(certificate.getNotAfter().toInstant())) {
            throw new CaException(Reason.INVALID_REQUEST, "a certificate valid for "
                    + request.days() + " days would outlive the CA certificate, which expires at "
                    + certificate.getNotAfter().toInstant() + ": pass a smaller --days");
        }
        KeyPair pair = newKeyPair();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate,
                serial(random), Date.from(now.minus(BACKDATE)), Date.from(notAfter),
                commonName(request.name()), pair.getPublic());
        X509Certificate issued = sign(builder, key, extensions -> {
            extensions.add(Extension.basicConstraints, true, new BasicConstraints(false));
            extensions.add(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            extensions.add(Extension.extendedKeyUsage, false, request.node()
                    ? new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth,
                        KeyPurposeId.id_kp_clientAuth})
                    : new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            if (request.node()) {
                extensions.add(Extension.subjectAlternativeName, false,
                        alternativeNames(request));
            }
            extensions.add(Extension.subjectKeyIdentifier, false,
                    utilities().createSubjectKeyIdentifier(pair.getPublic()));
            extensions.add(Extension.authorityKeyIdentifier, false,
                    utilities().createAuthorityKeyIdentifier(certificate));
        });
        return new IssuedCertificate(request.name(), issued, pair.getPrivate(), certificate);
    }

    private static GeneralNames alternativeNames(IssueRequest request) {
        List<GeneralName> names = new ArrayList<>();
        request.dnsNames().forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
        for (InetAddress address : request.ipAddresses()) {
            names.add(new GeneralName(GeneralName.iPAddress,
                    new DEROctetString(address.getAddress())));
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    /** Adds extensions to a certificate under construction. */
    @FunctionalInterface
    private interface Extensions {
        void addTo(ExtensionSink sink) throws CertIOException, GeneralSecurityException;
    }

    @FunctionalInterface
    private interface ExtensionSink {
        void add(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value)
                throws CertIOException;
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey,
            Extensions extensions) throws CaException {
        try {
            extensions.addTo(builder::addExtension);
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE).build(signingKey)));
        } catch (CertIOException | GeneralSecurityException | OperatorCreationException e) {
            throw new CaException(Reason.FAILED, "cannot build a certificate: "
                    + e.getMessage(), e);
        }
    }

    private static JcaX509ExtensionUtils utilities() throws GeneralSecurityException {
        return new JcaX509ExtensionUtils();
    }

    private static KeyPair newKeyPair() throws CaException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(CURVE));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new CaException(Reason.FAILED, "cannot generate an EC key pair on " + CURVE
                    + ": " + e.getMessage(), e);
        }
    }

    /** Returns a random positive serial number that fits the 20 octets RFC 5280 allows. */
    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }

    private static X500Name commonName(String name) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build();
    }

    /** Creates {@code folder} with mode {@code 0700} when missing; leaves an existing one. */
    static void createPrivateFolder(Path folder) throws CaException {
        if (Files.isDirectory(folder)) {
            return;
        }
        try {
            Files.createDirectories(folder.toAbsolutePath().getParent());
            Files.createDirectory(folder,
                    PosixFilePermissions.asFileAttribute(PemFiles.PRIVATE_FOLDER));
            Files.setPosixFilePermissions(folder, PemFiles.PRIVATE_FOLDER);
        } catch (IOException e) {
            throw new CaException(Reason.FAILED, "cannot create the folder \"" + folder + "\": "
                    + IoFailures.reason(e), e);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The error that made the caller clean up is the one to report.
        }
    }
}
