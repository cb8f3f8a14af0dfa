package dev.holdfast.orchestrator.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.orchestrator.ca.CaException.Reason;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CertificateAuthorityTest {
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    @TempDir
    Path folder;

    private final Clock clock = Clock.systemUTC();

    @Test
    void create_newFolder_writesPrivateCa() throws Exception {
        Path ca = folder.resolve("ca");

        X509Certificate certificate = CertificateAuthority.create(ca, null, clock);

        assertThat(Files.getPosixFilePermissions(ca)).isEqualTo(PemFiles.PRIVATE_FOLDER);
        assertThat(Files.getPosixFilePermissions(ca.resolve(CertificateAuthority.KEY_FILE)))
                .isEqualTo(PemFiles.SECRET);
        assertThat(PemFiles.readCertificate(ca.resolve(CertificateAuthority.CERTIFICATE_FILE)))
                .isEqualTo(certificate);
        assertThat(certificate.getBasicConstraints()).isZero();
        certificate.verify(certificate.getPublicKey());
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
    }

    @Test
    void create_existingCa_isRejectedAndLeftUnchanged() throws Exception {
        Path ca = folder.resolve("ca");
        CertificateAuthority.create(ca, null, clock);
        byte[] key = Files.readAllBytes(ca.resolve(CertificateAuthority.KEY_FILE));
        byte[] certificate = Files.readAllBytes(ca.resolve(CertificateAuthority.CERTIFICATE_FILE));

        assertThatThrownBy(() -> CertificateAuthority.create(ca, null, clock))
                .isInstanceOfSatisfying(CaException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.EXISTS))
                .hasMessageContaining("exists already in \"" + ca + "\"");

        assertThat(ca.resolve(CertificateAuthority.KEY_FILE)).hasBinaryContent(key);
        assertThat(ca.resolve(CertificateAuthority.CERTIFICATE_FILE))
                .hasBinaryContent(certificate);
    }

    @Test
    void issue_client_hasClientAuthOnly() throws Exception {
        CertificateAuthority ca = newCa(null);

        IssuedCertificate issued = ca.issue(IssueRequest.of("alice", false, List.of(),
                List.of(), 30), clock);

        X509Certificate certificate = issued.certificate();
        certificate.verify(ca.certificate().getPublicKey());
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=alice");
        assertThat(certificate.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(certificate.getSubjectAlternativeNames()).isNull();
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
    }

    @Test
    void issue_nodeWithoutNames_getsLocalhostAndLoopback() throws Exception {
        CertificateAuthority ca = newCa(null);

        IssuedCertificate issued = ca.issue(IssueRequest.of("node", true, List.of(),
                List.of(), 30), clock);

        assertThat(issued.certificate().getExtendedKeyUsage())
                .containsExactlyInAnyOrder(SERVER_AUTH, CLIENT_AUTH);
        assertThat(issued.certificate().getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(DNS_NAME, "localhost"), List.of(IP_ADDRESS, "127.0.0.1"));
    }

    @Test
    void issue_nodeWithNames_getsExactlyThose() throws Exception {
        CertificateAuthority ca = newCa(null);

        IssuedCertificate issued = ca.issue(IssueRequest.of("backup1", true,
                List.of("backup1.example.org"), List.of("192.0.2.10", "::1"), 30), clock);

        assertThat(issued.certificate().getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(DNS_NAME, "backup1.example.org"), List.of(IP_ADDRESS, "192.0.2.10"),
                List.of(IP_ADDRESS, InetAddress.ofLiteral("::1").getHostAddress()));
    }

    @Test
    void writeTo_newFolder_writesPrivateFiles() throws Exception {
        CertificateAuthority ca = newCa(null);
        IssuedCertificate issued = ca.issue(IssueRequest.of("alice", false, List.of(),
                List.of(), 30), clock);

        IssuedCertificate.FileSet files = issued.writeTo(ca.issuedFolder("alice"));

        assertThat(Files.getPosixFilePermissions(files.key())).isEqualTo(PemFiles.SECRET);
        assertThat(Files.getPosixFilePermissions(files.pkcs12())).isEqualTo(PemFiles.SECRET);
        assertThat(Files.getPosixFilePermissions(files.certificate())).isEqualTo(PemFiles.PUBLIC);
        assertThat(PemFiles.readCertificate(files.certificate())).isEqualTo(issued.certificate());
        assertThat(PemFiles.readCertificate(files.caCertificate())).isEqualTo(ca.certificate());
        assertThat(PemFiles.readKey(files.key())).isEqualTo(issued.key());
        KeyStore bundle = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(files.pkcs12())) {
            bundle.load(in, new char[0]);
        }
        assertThat(bundle.getKey("alice", new char[0])).isEqualTo(issued.key());
        assertThat(bundle.getCertificateChain("alice"))
                .containsExactly(issued.certificate(), ca.certificate());
    }

    @Test
    void writeTo_existingFiles_areNeverOverwritten() throws Exception {
        CertificateAuthority ca = newCa(null);
        Path target = ca.issuedFolder("alice");
        ca.issue(IssueRequest.of("alice", false, List.of(), List.of(), 30), clock)
                .writeTo(target);
        byte[] key = Files.readAllBytes(target.resolve(IssuedCertificate.KEY_FILE));
        IssuedCertificate second = ca.issue(IssueRequest.of("alice", false, List.of(),
                List.of(), 30), clock);

        assertThatThrownBy(() -> second.writeTo(target))
                .isInstanceOfSatisfying(CaException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.EXISTS));

        assertThat(target.resolve(IssuedCertificate.KEY_FILE)).hasBinaryContent(key);
    }

    @Test
    void open_encryptedKey_needsTheRightPassphrase() throws Exception {
        Path ca = folder.resolve("ca");
        CertificateAuthority.create(ca, "ca secret".toCharArray(), clock);

        assertThat(CertificateAuthority.encrypted(ca)).isTrue();
        assertThat(Files.readString(ca.resolve(CertificateAuthority.KEY_FILE)))
                .contains("BEGIN ENCRYPTED PRIVATE KEY");
        assertThatThrownBy(() -> CertificateAuthority.open(ca, null, "set it"))
                .isInstanceOfSatisfying(CaException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.PASSPHRASE_MISSING))
                .hasMessageContaining("is encrypted: set it");
        assertThatThrownBy(() -> CertificateAuthority.open(ca, "wrong".toCharArray(), "set it"))
                .isInstanceOfSatisfying(CaException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSPHRASE));
        CertificateAuthority opened = CertificateAuthority.open(ca, "ca secret".toCharArray(),
                "set it");
        opened.issue(IssueRequest.of("alice", false, List.of(), List.of(), 1), clock)
                .certificate().verify(opened.certificate().getPublicKey());
    }

    @Test
    void open_missingCa_namesCaInit() {
        Path ca = folder.resolve("none");

        assertThatThrownBy(() -> CertificateAuthority.open(ca, null, "set it"))
                .isInstanceOfSatisfying(CaException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining("holdfast ca init");
    }

    @Test
    void issue_beyondCaLifetime_isRejected() throws Exception {
        CertificateAuthority ca = newCa(null);
        Clock later = Clock.offset(clock, java.time.Duration.ofDays(3000));

        assertThatThrownBy(() -> ca.issue(IssueRequest.of("alice", false, List.of(), List.of(),
                1000), later))
                .isInstanceOfSatisfying(CaException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_REQUEST))
                .hasMessageContaining("outlive the CA certificate");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            slash in name    | a/b   | false | ''          | ''       | 30   | name "a/b"
            leading dot      | .x    | false | ''          | ''       | 30   | name ".x"
            client with DNS  | alice | false | example.org | ''       | 30   | add --node
            invalid DNS name | node  | true  | bad_name    | ''       | 30   | DNS name "bad_name"
            name as IP       | node  | true  | ''          | host.org | 30   | address "host.org"
            zero days        | alice | false | ''          | ''       | 0    | validity of 0 days
            beyond the CA    | alice | false | ''          | ''       | 3651 | expected 1 to 3650
            """)
    void request_invalidValue_isRejected(String description, String name, boolean node,
            String dns, String ip, int days, String message) {
        List<String> dnsNames = dns.isEmpty() ? List.of() : List.of(dns);
        List<String> ips = ip.isEmpty() ? List.of() : List.of(ip);

        assertThatThrownBy(() -> IssueRequest.of(name, node, dnsNames, ips, days))
                .isInstanceOfSatisfying(CaException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_REQUEST))
                .hasMessageContaining(message);
    }

    private CertificateAuthority newCa(char[] passphrase) throws CaException {
        Path ca = folder.resolve("ca");
        CertificateAuthority.create(ca, passphrase, clock);
        return CertificateAuthority.open(ca, passphrase, "set it");
    }
}
