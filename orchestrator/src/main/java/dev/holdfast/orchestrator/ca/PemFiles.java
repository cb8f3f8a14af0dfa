package dev.holdfast.orchestrator.ca;

import dev.holdfast.orchestrator.ca.CaException.Reason;
import dev.holdfast.storage.filesystem.IoFailures;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemGenerationException;

/**
 * Reads and writes certificates and private keys as PEM files. A new file is created with its
 * final permissions, never overwritten: key files are {@code 0600} from their first byte, so
 * no other user can open them while they are written.
 */
public final class PemFiles {
    /** Permissions of private keys and PKCS#12 bundles: read and write for the owner only. */
    public static final Set<PosixFilePermission> SECRET =
            PosixFilePermissions.fromString("rw-------");
    /** Permissions of certificates, which contain nothing secret. */
    public static final Set<PosixFilePermission> PUBLIC =
            PosixFilePermissions.fromString("rw-r--r--");
    /** Permissions of a folder that contains keys. */
    static final Set<PosixFilePermission> PRIVATE_FOLDER =
            PosixFilePermissions.fromString("rwx------");
    /**
     * PBKDF2-HMAC-SHA256 iterations for an encrypted key: OWASP's 2023 recommendation for this
     * function. Decrypting costs about a second of CPU, paid only by {@code ca issue}.
     */
    static final int KEY_ITERATIONS = 600_000;
    /**
     * Bouncy Castle's provider, passed to each call rather than registered, for the PKCS#5
     * padding name that the JDK's providers do not know (AES/CBC/PKCS7Padding).
     */
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private PemFiles() {
    }

    /** Writes {@code certificate} to a new file that everyone may read. */
    static void writeCertificate(Path file, X509Certificate certificate) throws CaException {
        writeNew(file, pem(certificate), PUBLIC);
    }

    /**
     * Writes {@code key} as PKCS#8 to a new {@code 0600} file, encrypted with PBES2 (PBKDF2 and
     * AES-256-CBC) when {@code passphrase} is not null.
     */
    static void writeKey(Path file, PrivateKey key, char[] passphrase) throws CaException {
        try {
            OutputEncryptor encryptor = null;
            if (passphrase != null) {
                encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                        .setPRF(PKCS8Generator.PRF_HMACSHA256)
                        .setIterationCount(KEY_ITERATIONS)
                        .setRandom(new SecureRandom())
                        .setProvider(BOUNCY_CASTLE)
                        .setPassword(passphrase)
                        .build();
            }
            writeNew(file, pem(new JcaPKCS8Generator(key, encryptor).generate()), SECRET);
        } catch (OperatorCreationException | PemGenerationException e) {
            throw new CaException(Reason.FAILED, "cannot encode the private key for \"" + file
                    + "\": " + e.getMessage(), e);
        }
    }

    /** Returns whether the key in {@code file} is encrypted and needs a passphrase. */
    static boolean encrypted(Path file) throws CaException {
        return parse(file, "a private key") instanceof PKCS8EncryptedPrivateKeyInfo;
    }

    /**
     * Reads a private key, decrypting it with {@code passphrase} when it is encrypted.
     *
     * @param passphraseHint how to provide a passphrase, for the message when none was given
     */
    static PrivateKey readKey(Path file, char[] passphrase, String passphraseHint)
            throws CaException {
        Object parsed = parse(file, "a private key");
        try {
            PrivateKeyInfo info;
            if (parsed instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                if (passphrase == null) {
                    throw new CaException(Reason.PASSPHRASE_MISSING, "the private key \"" + file
                            + "\" is encrypted: " + passphraseHint);
                }
                info = encrypted.decryptPrivateKeyInfo(decryptor(passphrase));
            } else if (parsed instanceof PrivateKeyInfo plain) {
                info = plain;
            } else {
                throw new CaException(Reason.FAILED, "\"" + file + "\" contains no PKCS#8 private "
                        + "key: expected a PEM block BEGIN PRIVATE KEY or BEGIN ENCRYPTED "
                        + "PRIVATE KEY");
            }
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (PKCSException e) {
            throw new CaException(Reason.WRONG_PASSPHRASE, "cannot decrypt the private key \""
                    + file + "\": wrong passphrase, or the file is damaged", e);
        } catch (PEMException e) {
            throw new CaException(Reason.FAILED, "cannot read the private key \"" + file
                    + "\": " + e.getMessage(), e);
        }
    }

    private static InputDecryptorProvider decryptor(char[] passphrase) throws CaException {
        try {
            return new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BOUNCY_CASTLE)
                    .build(passphrase);
        } catch (OperatorCreationException e) {
            throw new CaException(Reason.FAILED, "cannot set up decryption of a private key: "
                    + e.getMessage(), e);
        }
    }

    /** Reads the first certificate in a PEM file. */
    public static X509Certificate readCertificate(Path file) throws CaException {
        Object parsed = parse(file, "a certificate");
        if (!(parsed instanceof X509CertificateHolder holder)) {
            throw new CaException(Reason.FAILED, "\"" + file + "\" contains no certificate: "
                    + "expected a PEM block BEGIN CERTIFICATE");
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new CaException(Reason.FAILED, "cannot decode the certificate \"" + file
                    + "\": " + e.getMessage(), e);
        }
    }

    /** Reads the private key of a node or client certificate, which is never encrypted. */
    public static PrivateKey readKey(Path file) throws CaException {
        return readKey(file, null, "certificates issued by holdfast ca issue have "
                + "unencrypted keys; decrypt it, such as with openssl pkcs8");
    }

    private static Object parse(Path file, String expected) throws CaException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            Object parsed = parser.readObject();
            if (parsed == null) {
                throw new CaException(Reason.FAILED, "\"" + file + "\" contains no PEM block: "
                        + "expected " + expected);
            }
            return parsed;
        } catch (NoSuchFileException e) {
            throw new CaException(Reason.NOT_FOUND, "\"" + file + "\" not found", e);
        } catch (IOException e) {
            throw new CaException(Reason.FAILED, "cannot read \"" + file + "\": "
                    + IoFailures.reason(e), e);
        }
    }

    private static String pem(Object object) throws CaException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new CaException(Reason.FAILED, "cannot encode " + object.getClass()
                    .getSimpleName() + " as PEM: " + e.getMessage(), e);
        }
        return text.toString();
    }

    /** Writes a new file with {@code permissions}; an existing file is never replaced. */
    static void writeNew(Path file, String content, Set<PosixFilePermission> permissions)
            throws CaException {
        writeNew(file, content.getBytes(StandardCharsets.US_ASCII), permissions);
    }

    static void writeNew(Path file, byte[] content, Set<PosixFilePermission> permissions)
            throws CaException {
        try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(permissions)))) {
            out.write(content);
        } catch (FileAlreadyExistsException e) {
            throw new CaException(Reason.EXISTS, "\"" + file + "\" exists already and is "
                    + "never overwritten", e);
        } catch (IOException e) {
            throw new CaException(Reason.FAILED, "cannot write \"" + file + "\": "
                    + IoFailures.reason(e), e);
        }
        try {
            // The umask may have removed bits from the mode given at creation.
            Files.setPosixFilePermissions(file, permissions);
        } catch (IOException e) {
            throw new CaException(Reason.FAILED, "cannot set the permissions of \"" + file
                    + "\": " + IoFailures.reason(e), e);
        }
    }
}
