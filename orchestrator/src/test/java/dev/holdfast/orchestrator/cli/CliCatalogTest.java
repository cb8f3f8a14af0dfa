package dev.holdfast.orchestrator.cli;

import static dev.holdfast.orchestrator.cli.ThreeFolders.assertExit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.repository.engine.SettableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog through the command line: recording job runs, runs, rebuild and snapshots. */
class CliCatalogTest {
    private static final String PASSPHRASE = "catalog test passphrase";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPOSITORY = """
            repository:
              providers: [local]
              chunker: { min: 16KiB, average: 64KiB, max: 256KiB }
              deletion-delay: 1d
            providers:
              - { name: local, driver: filesystem, path: ./repo }
            sources:
              - name: sample
                paths: [data]
            """;

    @TempDir
    Path folder;

    private SettableClock clock;
    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        ThreeFolders.writeData(folder);
        clock = new SettableClock(Instant.parse("2026-11-01T12:00:00Z"));
        cli = new CliRunner(folder).env("HOLDFAST_PASSPHRASE", PASSPHRASE).clock(clock);
        writeConfig("");
    }

    private void writeConfig(String catalogSection) throws IOException {
        Files.writeString(folder.resolve("holdfast.yaml"), REPOSITORY + catalogSection);
    }

    private JsonNode json(String... args) throws IOException {
        CliRunner.Result result = cli.run(args);
        assertExit(result, ExitCodes.SUCCESS);
        return JSON.readTree(result.stdout());
    }

    private List<String> backUp(int count) throws IOException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Files.writeString(folder.resolve("data/changing.txt"), "version " + i);
            ids.add(json("backup", "--json").get("snapshot_id").asText());
            clock.advance(Duration.ofHours(1));
        }
        return ids;
    }

    @Test
    void backup_defaultCatalog_recordsTheRunBesideTheConfiguration() throws IOException {
        assertExit(cli.run("init"), ExitCodes.SUCCESS);
        String snapshot = backUp(1).getFirst();

        JsonNode runs = json("catalog", "runs", "--json");

        assertThat(folder.resolve("holdfast-catalog/catalog.mv.db")).isRegularFile();
        assertThat(runs).hasSize(1);
        JsonNode run = runs.get(0);
        assertThat(run.get("job").asText()).isEqualTo("backup/sample");
        assertThat(run.get("kind").asText()).isEqualTo("backup");
        assertThat(run.get("source").asText()).isEqualTo("sample");
        assertThat(run.get("outcome").asText()).isEqualTo("success");
        assertThat(run.get("started").asText()).isEqualTo("2026-11-01T12:00:00Z");
        assertThat(run.get("figures").get("snapshot").asText()).isEqualTo(snapshot);
        assertThat(run.get("figures").get("bytes_added").asLong()).isPositive();
        assertThat(run.get("error").isNull()).isTrue();
        assertThat(run.get("repository").asText()).isNotEmpty();
    }

    @Test
    void forgetPruneCheck_recordRunsAndFailuresWithTheirMessage() throws IOException {
        assertExit(cli.run("init"), ExitCodes.SUCCESS);
        List<String> ids = backUp(2);
        assertExit(cli.run("forget", ids.getFirst()), ExitCodes.SUCCESS);
        assertExit(cli.run("forget", "--dry-run", "--keep-last", "1"), ExitCodes.SUCCESS);
        assertExit(cli.run("prune"), ExitCodes.SUCCESS);
        assertExit(cli.run("check"), ExitCodes.SUCCESS);
        assertExit(cli.run("forget", "ffffffff"), ExitCodes.FAILURE);

        JsonNode runs = json("catalog", "runs", "--json");

        List<String> jobs = new ArrayList<>();
        runs.forEach(run -> jobs.add(run.get("job").asText() + " " + run.get("outcome")
                .asText()));
        assertThat(jobs).containsExactly("forget failed", "check success", "prune success",
                "forget success", "backup/sample success", "backup/sample success");
        assertThat(runs.get(0).get("error").asText()).contains("ffffffff");
        assertThat(runs.get(3).get("figures").get("forgotten").asInt()).isEqualTo(1);
        JsonNode cachedForgotten = json("catalog", "snapshots", "--deleted", "--json");
        assertThat(cachedForgotten).hasSize(1);
        assertThat(cachedForgotten.get(0).get("id").asText()).isEqualTo(ids.getFirst());
    }

    @Test
    void rebuild_freshCatalogFolder_reproducesTheSnapshotList() throws IOException {
        assertExit(cli.run("init"), ExitCodes.SUCCESS);
        List<String> ids = backUp(3);
        assertExit(cli.run("forget", ids.get(1)), ExitCodes.SUCCESS);
        JsonNode fromRepository = json("snapshots", "--json");
        // A new machine: the same configuration, but a catalog folder that does not exist yet.
        writeConfig("catalog:\n  path: ./new-machine-catalog\n");

        CliRunner.Result rebuild = cli.run("catalog", "rebuild");

        assertExit(rebuild, ExitCodes.SUCCESS);
        assertThat(rebuild.stdout())
                .contains("2 snapshots, 1 forgotten snapshot, 1 provider");
        assertThat(json("catalog", "snapshots", "--json")).isEqualTo(fromRepository);
        assertThat(json("catalog", "snapshots", "--deleted", "--json").get(0).get("id")
                .asText()).isEqualTo(ids.get(1));
        assertThat(json("catalog", "runs", "--json")).isEmpty();
    }

    @Test
    void backup_unwritableCatalog_succeedsAndWarns() throws IOException {
        assertExit(cli.run("init"), ExitCodes.SUCCESS);
        Files.writeString(folder.resolve("blocker"), "a file where the catalog folder's "
                + "parent should be");
        writeConfig("catalog:\n  path: ./blocker/catalog\n");

        CliRunner.Result backup = cli.run("backup");

        assertExit(backup, ExitCodes.SUCCESS);
        assertThat(backup.stderr()).contains("warning: cannot create the folder of the catalog \""
                + folder.resolve("blocker/catalog") + "\"")
                .contains("this run is not recorded in the catalog");
        assertThat(json("snapshots", "--json")).hasSize(1);
    }

    @Test
    void backup_damagedCatalogFile_succeedsAndWarns() throws IOException {
        assertExit(cli.run("init"), ExitCodes.SUCCESS);
        Path catalogFolder = Files.createDirectories(folder.resolve("holdfast-catalog"));
        Files.write(catalogFolder.resolve("catalog.mv.db"), new byte[] {1, 2, 3, 4, 5, 6, 7});

        CliRunner.Result backup = cli.run("backup");

        assertExit(backup, ExitCodes.SUCCESS);
        assertThat(backup.stderr()).contains("warning: cannot open the catalog \""
                + catalogFolder + "\"");
        assertThat(json("snapshots", "--json")).hasSize(1);
    }

    @Test
    void backup_disabledCatalog_createsNoCatalog() throws IOException {
        writeConfig("catalog:\n  enabled: false\n");
        assertExit(cli.run("init"), ExitCodes.SUCCESS);

        CliRunner.Result backup = cli.run("backup");

        assertExit(backup, ExitCodes.SUCCESS);
        assertThat(backup.stderr()).doesNotContain("catalog");
        assertThat(folder.resolve("holdfast-catalog")).doesNotExist();
        CliRunner.Result runs = cli.run("catalog", "runs");
        assertExit(runs, ExitCodes.USAGE);
        assertThat(runs.stderr()).contains("remove catalog.enabled: false");
    }

    @Test
    void config_passwordInTheFile_isRejectedWithoutShowingIt() throws IOException {
        writeConfig("catalog:\n  url: jdbc:postgresql://127.0.0.1:5/db\n"
                + "  password: s3cret-value\n");

        CliRunner.Result result = cli.run("catalog", "runs");

        assertExit(result, ExitCodes.USAGE);
        assertThat(result.stderr()).contains("key \"password\" in catalog is not accepted")
                .contains("password-env").doesNotContain("s3cret-value");
    }

    @Test
    void config_passwordInTheUrl_isRejectedWithoutShowingIt() throws IOException {
        writeConfig("catalog:\n  url: jdbc:postgresql://127.0.0.1:5/db?password=s3cret-value\n");

        CliRunner.Result result = cli.run("catalog", "runs");

        assertExit(result, ExitCodes.USAGE);
        assertThat(result.stderr()).contains("catalog.url names a password")
                .doesNotContain("s3cret-value");
    }
}
