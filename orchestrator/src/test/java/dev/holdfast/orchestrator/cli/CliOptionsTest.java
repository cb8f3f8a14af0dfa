package dev.holdfast.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Command-line behaviour that is decided before the repository is opened: options,
 * configuration lookup and errors, and the checks each command makes on its arguments.
 */
class CliOptionsTest {
    private static final String CONFIG = """
            repository: { providers: [local] }
            providers:
              - { name: local, driver: filesystem, path: ./repo }
            """;

    @TempDir
    Path folder;

    private CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(folder).env("HOLDFAST_PASSPHRASE", "secret");
    }

    @Test
    void globalOption_worksAfterTheCommand() throws IOException {
        writeConfig("holdfast.yaml");

        CliRunner.Result before = cli.run("--json", "dump", "latest", "/a");
        CliRunner.Result after = cli.run("dump", "latest", "/a", "--json");

        assertThat(before.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(after.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(after.stderr()).isEqualTo(before.stderr()).startsWith(
                "holdfast: --json does not apply to dump");
    }

    @Test
    void quietAndVerbose_areAUsageError() {
        CliRunner.Result result = cli.run("snapshots", "-q", "-v");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).startsWith(
                "holdfast: --quiet and --verbose exclude each other: pass one of them\n");
    }

    @Test
    void missingConfig_namesTheFile() {
        CliRunner.Result result = cli.run("snapshots");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).isEqualTo("holdfast: configuration file \""
                + folder.resolve("holdfast.yaml") + "\" not found: pass --config FILE or set "
                + "HOLDFAST_CONFIG\n");
    }

    @Test
    void configOption_winsOverTheVariable() {
        CliRunner.Result result = cli.env("HOLDFAST_CONFIG", "from-env.yaml")
                .run("snapshots", "--config", "given.yaml");

        assertThat(result.stderr()).contains(folder.resolve("given.yaml").toString());
    }

    @Test
    void configVariable_winsOverTheDefault() {
        CliRunner.Result result = cli.env("HOLDFAST_CONFIG", "etc/from-env.yaml").run("snapshots");

        assertThat(result.stderr()).contains(folder.resolve("etc/from-env.yaml").toString());
    }

    @Test
    void invalidConfig_namesLineAndColumn() throws IOException {
        Files.writeString(folder.resolve("holdfast.yaml"), """
                repository:
                  providers: [local]
                  pack-size: 16 MB
                providers:
                  - { name: local, driver: filesystem, path: ./repo }
                """);

        CliRunner.Result result = cli.run("snapshots");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).isEqualTo("holdfast: " + folder.resolve("holdfast.yaml")
                + ":3:14: invalid size \"16 MB\" for repository.pack-size: expected a number of "
                + "bytes or a value such as 16MiB\n");
    }

    @Test
    void missingRepositoryFolder_isRepositoryNotFound() throws IOException {
        writeConfig("holdfast.yaml");

        CliRunner.Result result = cli.run("snapshots");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REPOSITORY_NOT_FOUND);
        assertThat(result.stderr()).isEqualTo("holdfast: repository not found: folder \""
                + folder.resolve("repo") + "\" of provider \"local\" does not exist; run "
                + "holdfast init to create a repository there\n");
    }

    @Test
    void repositoryPathIsAFile_saysSo() throws IOException {
        writeConfig("holdfast.yaml");
        Files.writeString(folder.resolve("repo"), "a file");

        CliRunner.Result result = cli.run("snapshots");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REPOSITORY_NOT_FOUND);
        assertThat(result.stderr()).isEqualTo("holdfast: repository not found: path \""
                + folder.resolve("repo") + "\" of provider \"local\" is a file, not a folder; "
                + "set the provider's path to the folder of the repository\n");
    }

    @Test
    void verbose_addsTheStackTrace() throws IOException {
        writeConfig("holdfast.yaml");

        CliRunner.Result quiet = cli.run("snapshots");
        CliRunner.Result verbose = cli.run("snapshots", "--verbose");

        assertThat(quiet.stderr().lines()).hasSize(1);
        assertThat(verbose.stderr()).startsWith(quiet.stderr())
                .contains("\tat dev.holdfast.orchestrator.cli.");
    }

    @Test
    void restore_nonEmptyTarget_isRejected() throws IOException {
        writeConfig("holdfast.yaml");
        Files.createDirectories(folder.resolve("target"));
        Files.writeString(folder.resolve("target/existing.txt"), "keep me");

        CliRunner.Result result = cli.run("restore", "latest", "--target", "target");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.stderr()).isEqualTo("holdfast: target folder \""
                + folder.resolve("target") + "\" is not empty: restore into an empty or new "
                + "folder, or pass --overwrite to replace existing files\n");
        assertThat(folder.resolve("target/existing.txt")).hasContent("keep me");
    }

    @Test
    void restore_ontoAFile_isRejected() throws IOException {
        Files.writeString(folder.resolve("file"), "x");

        CliRunner.Result result = cli.run("restore", "latest", "--target", "file");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.stderr()).contains("is not a folder");
    }

    @Test
    void dumpArchive_toATerminal_isRejected() {
        CliRunner.Result result = cli.terminal(new PassphrasesTest.ScriptedTerminal())
                .run("dump", "latest", "/docs", "--archive", "zip");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).isEqualTo("holdfast: refusing to write binary data to the "
                + "terminal: redirect the output, such as holdfast dump latest /docs --archive "
                + "zip > FILE\n");
    }

    @Test
    void dump_withUnknownArchiveFormat_isAUsageError() {
        CliRunner.Result result = cli.run("dump", "latest", "/docs", "--archive", "rar");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).contains("rar").contains("TAR, ZIP");
    }

    @Test
    void backup_ofAMissingPath_isAUsageError() throws IOException {
        writeConfig("holdfast.yaml");

        CliRunner.Result result = cli.run("backup", "absent");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).isEqualTo("holdfast: path \"" + folder.resolve("absent")
                + "\" does not exist\n");
    }

    @Test
    void backup_withNothingToBackUp_fails() throws IOException {
        writeConfig("holdfast.yaml");

        CliRunner.Result result = cli.run("backup");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).isEqualTo("holdfast: nothing to back up: name paths, or add "
                + "sources to \"" + folder.resolve("holdfast.yaml") + "\"\n");
    }

    @Test
    void backup_unknownSource_listsKnownSources() throws IOException {
        Files.writeString(folder.resolve("holdfast.yaml"), CONFIG + """
                sources:
                  - { name: docs, paths: [.] }
                """);

        CliRunner.Result result = cli.run("backup", "--source", "photos");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).startsWith(
                "holdfast: unknown source \"photos\": expected one of [docs]");
    }

    @Test
    void backup_invalidExclude_rejectedBeforeOpening() throws IOException {
        writeConfig("holdfast.yaml");
        Files.createDirectories(folder.resolve("data"));

        CliRunner.Result result = new CliRunner(folder).run("backup", "data", "--exclude", "[");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).isEqualTo("holdfast: invalid --exclude pattern \"[\": a '[' "
                + "has no closing ']' (write \\[ to match a '[' itself)\n");
    }

    @Test
    void init_intoNonEmptyFolder_isRejected() throws IOException {
        writeConfig("holdfast.yaml");
        Files.createDirectories(folder.resolve("repo"));
        Files.writeString(folder.resolve("repo/notes.txt"), "keep me");

        CliRunner.Result result = new CliRunner(folder).run("init");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).isEqualTo("holdfast: folder \"" + folder.resolve("repo")
                + "\" is not empty; init needs a new or empty folder, so set another path for "
                + "provider \"local\" or empty this one\n");
        try (Stream<Path> entries = Files.list(folder.resolve("repo"))) {
            assertThat(entries).containsExactly(folder.resolve("repo/notes.txt"));
        }
    }

    @Test
    void init_ontoAFile_isRejected() throws IOException {
        writeConfig("holdfast.yaml");
        Files.writeString(folder.resolve("repo"), "a file");

        CliRunner.Result result = cli.run("init");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).isEqualTo("holdfast: path \"" + folder.resolve("repo")
                + "\" of provider \"local\" is a file, not a folder; init needs a new or empty "
                + "folder\n");
    }

    private void writeConfig(String name) throws IOException {
        Files.writeString(folder.resolve(name), CONFIG);
    }
}
