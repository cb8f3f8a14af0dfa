package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.ca.CaException;
import dev.holdfast.orchestrator.ca.CertificateAuthority;
import dev.holdfast.orchestrator.ca.IssueRequest;
import dev.holdfast.orchestrator.ca.IssuedCertificate;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(name = "ca", description = {"Creates the certificate authority of the HTTP API and "
        + "issues its certificates.",
    "The CA's folder is service.ca-dir (default: ca in service.state-dir) unless --ca-dir "
            + "names another."},
        subcommands = {CaCommand.Init.class, CaCommand.Issue.class})
final class CaCommand implements Runnable {
    private static final String PASSPHRASE_HINT = "set " + Passphrases.CA_PASSPHRASE + " or "
            + Passphrases.CA_PASSPHRASE_FILE + " to the passphrase given at ca init";

    @Option(names = "--ca-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Folder of the certificate authority (default: service.ca-dir of the "
                    + "configuration).")
    private Path caDir;

    @Spec
    private CommandSpec spec;

    private final Holdfast app;

    CaCommand(Holdfast app) {
        this.app = app;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: expected init or "
                + "issue");
    }

    /** Returns the CA folder from --ca-dir, else from the configuration file. */
    Path folder() throws Exception {
        if (caDir != null) {
            return app.resolve(caDir);
        }
        try {
            return app.config().service().api().caDir();
        } catch (CliException e) {
            throw new CliException(e.exitCode(), e.getMessage() + ", or name the CA's folder "
                    + "with --ca-dir", e);
        }
    }

    static CliException failure(CaException e) {
        int status = switch (e.reason()) {
            case INVALID_REQUEST, PASSPHRASE_MISSING -> ExitCodes.USAGE;
            case WRONG_PASSPHRASE -> ExitCodes.WRONG_PASSPHRASE;
            case EXISTS, NOT_FOUND, FAILED -> ExitCodes.FAILURE;
        };
        return new CliException(status, e.getMessage(), e);
    }

    @Command(name = "init", description = {"Creates a certificate authority: an ECDSA P-256 "
            + "key pair and a self-signed CA certificate valid for ten years.",
        "Writes ca.pem and ca-key.pem (mode 0600) and never overwrites an existing CA. The key "
                + "is encrypted when " + Passphrases.CA_PASSPHRASE + " or "
                + Passphrases.CA_PASSPHRASE_FILE + " is set."})
    static final class Init implements Callable<Integer> {
        @ParentCommand
        private CaCommand parent;

        @Override
        public Integer call() throws Exception {
            Holdfast app = parent.app;
            Path folder = parent.folder();
            char[] passphrase = app.passphrases().forCaKey();
            X509Certificate certificate;
            try {
                certificate = CertificateAuthority.create(folder, passphrase,
                        app.context().clock());
            } catch (CaException e) {
                throw failure(e);
            } finally {
                Passphrases.wipe(passphrase);
            }
            report(app.printer(), folder, certificate, passphrase != null);
            return ExitCodes.SUCCESS;
        }

        private static void report(Printer printer, Path folder, X509Certificate certificate,
                boolean encrypted) {
            if (printer.json()) {
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("ca_dir", folder.toString());
                view.put("subject", certificate.getSubjectX500Principal().getName());
                view.put("not_after", certificate.getNotAfter().toInstant().toString());
                view.put("key_encrypted", encrypted);
                printer.json(view);
                return;
            }
            printer.info("created the certificate authority \""
                    + certificate.getSubjectX500Principal().getName() + "\" in \"" + folder
                    + "\", valid until " + certificate.getNotAfter().toInstant());
            printer.info(encrypted
                    ? "its key is encrypted: ca issue needs the same passphrase"
                    : "its key is not encrypted; keep the folder private, or set "
                            + Passphrases.CA_PASSPHRASE_FILE + " before ca init to encrypt it");
            printer.info("next: holdfast ca issue node --node for holdfast serve, and "
                    + "holdfast ca issue NAME for each client");
        }
    }

    @Command(name = "issue", description = {"Issues a client certificate, or with --node the "
            + "certificate of a holdfast serve node, signed by the certificate authority.",
        "Writes cert.pem, key.pem (mode 0600), ca.pem and bundle.p12 (PKCS#12 with an empty "
                + "password, mode 0600) into issued/NAME in the CA's folder, or into --out."})
    static final class Issue implements Callable<Integer> {
        @ParentCommand
        private CaCommand parent;

        @Parameters(paramLabel = "NAME", description = "Name of the client or node: the "
                + "certificate's common name, such as alice or node.")
        private String name;

        @Option(names = "--node", description = "Issue a node certificate (server and client "
                + "authentication) for holdfast serve.")
        private boolean node;

        @Option(names = "--dns", paramLabel = "NAME", description = "DNS name of the node; "
                + "repeatable. Default with --node and no --ip: localhost.")
        private List<String> dnsNames = new ArrayList<>();

        @Option(names = "--ip", paramLabel = "ADDRESS", description = "IP address of the node; "
                + "repeatable. Default with --node and no --dns: 127.0.0.1.")
        private List<String> ipAddresses = new ArrayList<>();

        @Option(names = "--days", paramLabel = "N", description = "Days the certificate is "
                + "valid (default: " + IssueRequest.DEFAULT_DAYS + ").")
        private int days = IssueRequest.DEFAULT_DAYS;

        @Option(names = "--out", paramLabel = "DIR", description = "Folder to write the files "
                + "to (default: issued/NAME in the CA's folder).")
        private Path out;

        @Override
        public Integer call() throws Exception {
            Holdfast app = parent.app;
            Path folder = parent.folder();
            IssuedCertificate issued;
            IssuedCertificate.FileSet files;
            char[] passphrase = app.passphrases().forCaKey();
            try {
                IssueRequest request = IssueRequest.of(name, node, dnsNames, ipAddresses, days);
                CertificateAuthority ca = CertificateAuthority.open(folder, passphrase,
                        PASSPHRASE_HINT);
                issued = ca.issue(request, app.context().clock());
                files = issued.writeTo(out != null ? app.resolve(out) : ca.issuedFolder(name));
                report(app.printer(), request, issued, files);
            } catch (CaException e) {
                throw failure(e);
            } finally {
                Passphrases.wipe(passphrase);
            }
            return ExitCodes.SUCCESS;
        }

        private static void report(Printer printer, IssueRequest request,
                IssuedCertificate issued, IssuedCertificate.FileSet files) {
            X509Certificate certificate = issued.certificate();
            String kind = request.node() ? "node" : "client";
            List<String> ips = request.ipAddresses().stream()
                    .map(InetAddress::getHostAddress).toList();
            if (printer.json()) {
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("name", request.name());
                view.put("kind", kind);
                view.put("serial", certificate.getSerialNumber().toString(16));
                view.put("not_after", certificate.getNotAfter().toInstant().toString());
                view.put("dns", request.dnsNames());
                view.put("ip", ips);
                view.put("certificate", files.certificate().toString());
                view.put("key", files.key().toString());
                view.put("ca_certificate", files.caCertificate().toString());
                view.put("pkcs12", files.pkcs12().toString());
                printer.json(view);
                return;
            }
            String names = request.node() ? ", DNS " + request.dnsNames() + ", IP " + ips : "";
            printer.info("issued the " + kind + " certificate \"" + request.name()
                    + "\" (serial " + certificate.getSerialNumber().toString(16)
                    + ", valid until " + certificate.getNotAfter().toInstant() + names + ")");
            printer.info("  certificate:    " + files.certificate());
            printer.info("  key:            " + files.key() + " (mode 0600)");
            printer.info("  CA certificate: " + files.caCertificate());
            printer.info("  PKCS#12:        " + files.pkcs12() + " (empty password, mode 0600)");
        }
    }
}
