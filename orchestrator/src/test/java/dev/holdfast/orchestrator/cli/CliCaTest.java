package dev.holdfast.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.holdfast.orchestrator.ca.CertificateAuthority;
import dev.holdfast.orchestrator.ca.IssuedCertificate;
import dev.holdfast.orchestrator.ca.PemFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class CliCaTest {
    private static final String CA_PASSPHRASE = "ca passphrase 7e1f";

    @TempDir
    Path folder;

    @Test
    void caInit_twice_keepsFirstCa() throws Exception {
        CliRunner cli = new CliRunner(folder);
        CliRunner.Result first = cli.run("ca", "init", "--ca-dir", "ca");
        byte[] key = Files.readAllBytes(folder.resolve("ca/ca-key.pem"));

        CliRunner.Result second = cli.run("ca", "init", "--ca-dir", "ca");

        assertThat(first.exitCode()).as(first.stderr()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(first.stdout()).contains("created the certificate authority",
                "its key is not encrypted");
        assertThat(second.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(second.stderr()).contains("a certificate authority exists already in \""
                + folder.resolve("ca") + "\"", "never overwrites it");
        assertThat(folder.resolve("ca/ca-key.pem")).hasBinaryContent(key);
    }

    @Test
    void caInit_withoutCaDir_usesConfiguredFolder() throws Exception {
        Files.writeString(folder.resolve("holdfast.yaml"), """
                repository: { providers: [local] }
                providers: [{ name: local, driver: filesystem, path: ./repo }]
                service: { state-dir: ./state }
                """);
        CliRunner cli = new CliRunner(folder);

        CliRunner.Result init = cli.run("ca", "init");
        CliRunner.Result issue = cli.run("ca", "issue", "node", "--node");

        assertThat(init.exitCode()).as(init.stderr()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(issue.exitCode()).as(issue.stderr()).isEqualTo(ExitCodes.SUCCESS);
        Path ca = folder.resolve("state/ca");
        assertThat(ca.resolve(CertificateAuthority.CERTIFICATE_FILE)).isRegularFile();
        for (String name : List.of(IssuedCertificate.CERTIFICATE_FILE,
                IssuedCertificate.KEY_FILE, IssuedCertificate.CA_CERTIFICATE_FILE,
                IssuedCertificate.PKCS12_FILE)) {
            assertThat(ca.resolve("issued/node").resolve(name)).isRegularFile();
        }
    }

    @Test
    void caIssue_writesKeyFilesWithMode0600() throws Exception {
        CliRunner cli = new CliRunner(folder);
        cli.run("ca", "init", "--ca-dir", "ca");

        CliRunner.Result result = cli.run("--json", "ca", "issue", "alice", "--ca-dir", "ca",
                "--days", "10", "--out", "alice");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(result.stdout()).contains("\"name\":\"alice\"", "\"kind\":\"client\"",
                "\"key\":\"" + folder.resolve("alice/key.pem") + "\"");
        assertThat(Files.getPosixFilePermissions(folder.resolve("ca/ca-key.pem")))
                .isEqualTo(PemFiles.SECRET);
        assertThat(Files.getPosixFilePermissions(folder.resolve("alice/key.pem")))
                .isEqualTo(PemFiles.SECRET);
        assertThat(Files.getPosixFilePermissions(folder.resolve("alice/bundle.p12")))
                .isEqualTo(PemFiles.SECRET);
    }

    @Test
    void caIssue_invalidInput_failsWithStatus() {
        CliRunner cli = new CliRunner(folder);

        CliRunner.Result missing = cli.run("ca", "issue", "alice", "--ca-dir", "none");
        cli.run("ca", "init", "--ca-dir", "ca");
        CliRunner.Result clientWithDns = cli.run("ca", "issue", "alice", "--ca-dir", "ca",
                "--dns", "example.org");

        assertThat(missing.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(missing.stderr()).contains("no certificate authority in", "holdfast ca init");
        assertThat(clientWithDns.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(clientWithDns.stderr()).contains("add --node");
    }

    @Test
    void encryptedCa_issueNeedsThePassphrase() {
        CliRunner cli = new CliRunner(folder).env("HOLDFAST_CA_PASSPHRASE", CA_PASSPHRASE);
        CliRunner.Result init = cli.run("ca", "init", "--ca-dir", "ca");

        CliRunner.Result without = new CliRunner(folder).run("ca", "issue", "alice",
                "--ca-dir", "ca");
        CliRunner.Result wrong = new CliRunner(folder).env("HOLDFAST_CA_PASSPHRASE", "wrong")
                .run("ca", "issue", "alice", "--ca-dir", "ca");
        CliRunner.Result right = cli.run("ca", "issue", "alice", "--ca-dir", "ca");

        assertThat(init.stdout()).contains("its key is encrypted");
        assertThat(without.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(without.stderr()).contains("is encrypted: set HOLDFAST_CA_PASSPHRASE or "
                + "HOLDFAST_CA_PASSPHRASE_FILE");
        assertThat(wrong.exitCode()).isEqualTo(ExitCodes.WRONG_PASSPHRASE);
        assertThat(wrong.stderr()).contains("wrong passphrase");
        assertThat(right.exitCode()).as(right.stderr()).isEqualTo(ExitCodes.SUCCESS);
    }

    @Test
    void caCommands_neverOutputKeysOrPassphrase() throws Exception {
        Path passphraseFile = Files.writeString(folder.resolve("ca-passphrase"),
                CA_PASSPHRASE + "\n");
        CliRunner cli = new CliRunner(folder).env("HOLDFAST_CA_PASSPHRASE_FILE",
                passphraseFile.toString());
        CliRunner wrongPassphrase = new CliRunner(folder).env("HOLDFAST_CA_PASSPHRASE",
                CA_PASSPHRASE + "x");
        List<Step> steps = List.of(new Step(cli, "ca", "init"),
                new Step(cli, "ca", "issue", "node", "--node"),
                new Step(cli, "ca", "issue", "alice"),
                new Step(wrongPassphrase, "ca", "issue", "bob"));
        List<String> output = new ArrayList<>();
        ListAppender<ILoggingEvent> logs = captureLogs();
        try {
            for (Step step : steps) {
                List<String> args = new ArrayList<>(List.of("--verbose"));
                args.addAll(List.of(step.args()));
                args.addAll(List.of("--ca-dir", "ca"));
                CliRunner.Result result = step.runner().run(args.toArray(String[]::new));
                output.add(result.stdout() + result.stderr());
            }
        } finally {
            releaseLogs(logs);
        }
        for (ILoggingEvent event : logs.list) {
            output.add(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                output.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
        }

        String all = String.join("\n", output);
        assertThat(all).contains("wrong passphrase");
        assertThat(all).doesNotContain(CA_PASSPHRASE, "PRIVATE KEY");
        for (Path key : List.of(folder.resolve("ca/ca-key.pem"),
                folder.resolve("ca/issued/node/key.pem"),
                folder.resolve("ca/issued/alice/key.pem"))) {
            assertThat(all).doesNotContain(keyBody(key));
        }
        assertThat(all).doesNotContain(Base64.getEncoder().encodeToString(
                PemFiles.readKey(folder.resolve("ca/issued/alice/key.pem")).getEncoded()));
    }

    private record Step(CliRunner runner, String... args) {
    }

    /** Returns the second line of a PEM file: base64 that only this key's file holds. */
    private static String keyBody(Path file) throws Exception {
        return Files.readAllLines(file).get(1);
    }

    private static ListAppender<ILoggingEvent> captureLogs() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.DEBUG);
        return appender;
    }

    private static void releaseLogs(ListAppender<ILoggingEvent> appender) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(appender);
        root.setLevel(Level.WARN);
    }
}
