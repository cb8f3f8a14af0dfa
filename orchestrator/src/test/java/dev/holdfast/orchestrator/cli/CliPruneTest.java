package dev.holdfast.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code holdfast prune} through picocli on a real repository. Until retention selects
 * snapshots, prune removes none, so these tests give it a pack that no index lists.
 */
class CliPruneTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STRAY = "ab" + "0".repeat(62);

    @TempDir
    Path folder;
    private CliRunner cli;
    private Path stray;

    @BeforeEach
    void setUp() throws Exception {
        Path data = Files.createDirectories(folder.resolve("data"));
        Files.writeString(data.resolve("a.txt"), "some text\n");
        Files.writeString(folder.resolve("holdfast.yaml"), """
                repository:
                  providers: [local]
                providers:
                  - name: local
                    driver: filesystem
                    path: ./repo
                sources:
                  - name: sample
                    paths: [data]
                """);
        cli = new CliRunner(folder).env("HOLDFAST_PASSPHRASE", "correct horse battery staple");
        assertExit(cli.run("init"), ExitCodes.SUCCESS);
        assertExit(cli.run("backup"), ExitCodes.SUCCESS);
        stray = Files.createDirectories(folder.resolve("repo/data/ab")).resolve(STRAY);
        Files.write(stray, new byte[] {1, 2, 3});
    }

    @Test
    void dryRun_reportsTheUnindexedPack_deletesNothing() throws Exception {
        CliRunner.Result result = cli.run("prune", "--dry-run", "--json");

        assertExit(result, ExitCodes.SUCCESS);
        JsonNode report = JSON.readTree(result.stdout());
        assertThat(report.get("dry_run").asBoolean()).isTrue();
        assertThat(report.get("packs_deleted").asInt()).isEqualTo(1);
        assertThat(report.get("bytes_deleted").asLong()).isEqualTo(3);
        assertThat(stray).exists();
    }

    @Test
    void prune_deletesTheUnindexedPack_checkStaysClean() throws Exception {
        CliRunner.Result check = cli.run("check");
        assertExit(check, ExitCodes.SUCCESS);
        assertThat(check.stdout()).contains("note: 1 pack that no index file lists");

        CliRunner.Result result = cli.run("prune", "--repack-threshold", "30%",
                "--wait-for-lock", "1m");

        assertExit(result, ExitCodes.SUCCESS);
        assertThat(result.stdout()).contains("removed 0 snapshots, deleted 1 pack and "
                + "repacked 0 packs");
        assertThat(stray).doesNotExist();
        CliRunner.Result after = cli.run("check", "--read-data");
        assertExit(after, ExitCodes.SUCCESS);
        assertThat(after.stdout()).doesNotContain("note:");
    }

    @Test
    void dryRun_text_usesWould() throws Exception {
        CliRunner.Result result = cli.run("prune", "--dry-run");

        assertExit(result, ExitCodes.SUCCESS);
        assertThat(result.stdout()).contains("would remove 0 snapshots, delete 1 pack and "
                + "repack 0 packs; would rewrite 0 index files").doesNotContain("rewrote");
    }

    @Test
    void bulkGuard_unindexedPacks_namedInMessage() throws Exception {
        Files.write(stray, new byte[2 * 1024 * 1024]);

        CliRunner.Result stopped = cli.run("prune");

        assertExit(stopped, ExitCodes.BULK_DELETION_STOPPED);
        assertThat(stopped.stderr()).contains("removing no snapshot")
                .contains("2.0 MiB of it is in packs that no index file lists")
                .contains("If that is intended, run `holdfast prune --confirm-bulk-deletion`")
                .doesNotContain("snapshots are meant to go");
        assertThat(stray).exists();
        assertExit(cli.run("prune", "--confirm-bulk-deletion"), ExitCodes.SUCCESS);
        assertThat(stray).doesNotExist();
    }

    @Test
    void invalidOptions_areUsageErrorsNamingTheValue() throws Exception {
        CliRunner.Result percent = cli.run("prune", "--repack-threshold", "150%");
        CliRunner.Result wait = cli.run("prune", "--wait-for-lock", "soon");

        assertExit(percent, ExitCodes.USAGE);
        assertThat(percent.stderr()).contains("invalid percentage \"150%\"");
        assertExit(wait, ExitCodes.USAGE);
        assertThat(wait.stderr()).contains("invalid duration \"soon\"");
        assertThat(stray).exists();
    }

    private static void assertExit(CliRunner.Result result, int code) {
        assertThat(result.exitCode()).as("exit code; stderr: %s", result.stderr())
                .isEqualTo(code);
    }
}
