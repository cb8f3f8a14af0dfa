package dev.holdfast.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.orchestrator.config.CatalogConfig;
import dev.holdfast.orchestrator.config.JobKinds;
import dev.holdfast.scheduler.MisfirePolicy;
import dev.holdfast.scheduler.Schedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs holdfast restore-test and holdfast reports in-process against a real repository. */
class CliRestoreTestTest {
    private static final String PASSPHRASE = "correct horse battery staple";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;
    private CliRunner cli;

    @BeforeEach
    void backups() throws IOException {
        Path data = Files.createDirectories(folder.resolve("data/sub"));
        byte[] large = new byte[1 << 20];
        new Random(7).nextBytes(large);
        Files.write(data.resolve("large.bin"), large);
        Files.writeString(data.resolve("small.txt"), "small");
        Files.writeString(folder.resolve("holdfast.yaml"), """
                repository:
                  providers: [local]
                  chunker: { min: 16KiB, average: 64KiB, max: 256KiB }
                  pack-size: 4MiB
                providers: [{ name: local, driver: filesystem, path: ./repo }]
                sources:
                  - name: docs
                    paths: [data]
                service: { state-dir: ./state }
                restore-test:
                  volume: ./volume
                  older-snapshots: 1
                """);
        cli = new CliRunner(folder).env("HOLDFAST_PASSPHRASE", PASSPHRASE);
        assertSuccess(cli.run("init"));
        assertSuccess(cli.run("backup"));
        Files.writeString(data.resolve("later.txt"), "added later");
        assertSuccess(cli.run("backup"));
    }

    @Test
    void restoreTest_intactRepository_exitsZeroAndPrintsReport() throws Exception {
        CliRunner.Result result = cli.run("restore-test");

        assertSuccess(result);
        assertThat(result.stdout()).startsWith("Report 1\nRestore test PASSED: 0 of ")
                .contains("docs    files").contains("Snapshots tested:");
        assertThat(folder.resolve("volume")).isEmptyDirectory();
        assertThat(folder.resolve("state/environments")).isEmptyDirectory();
    }

    @Test
    void restoreTest_json_printsReport() throws Exception {
        JsonNode printed = JSON.readTree(cli.run("restore-test", "--json", "--seed", "5")
                .stdout());

        assertThat(printed.get("id").asLong()).isEqualTo(1);
        JsonNode report = printed.get("report");
        assertThat(report.get("verdict").asText()).isEqualTo("passed");
        assertThat(report.get("seed").asLong()).isEqualTo(5);
        assertThat(report.get("sources").get(0).get("snapshots")).hasSize(2);
    }

    @Test
    void restoreTest_damagedPack_exitsWithRestoreTestFailed() throws Exception {
        String pack = damageLargestPack();

        CliRunner.Result result = cli.run("restore-test");

        assertThat(result.exitCode()).as(result.stderr())
                .isEqualTo(ExitCodes.RESTORE_TEST_FAILED);
        assertThat(result.stderr()).contains("holdfast: restore test failed: ")
                .contains("read it with holdfast reports show 1");
        assertThat(result.stdout()).startsWith("Report 1\nRestore test FAILED")
                .contains("pack " + pack + " is damaged or missing on every provider that "
                        + "holds it: run holdfast check --read-data, then holdfast repair");
        assertThat(folder.resolve("volume")).isEmptyDirectory();
    }

    @Test
    void restoreTest_unknownSource_isUsageError() {
        CliRunner.Result result = cli.run("restore-test", "--source", "nope");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).contains("unknown source \"nope\": expected one of [docs]");
    }

    @Test
    void reports_afterTwoRuns_listsNewestFirst() throws Exception {
        assertSuccess(cli.run("restore-test"));
        damageLargestPack();
        cli.run("restore-test");

        CliRunner.Result table = cli.run("reports");
        JsonNode rows = JSON.readTree(cli.run("reports", "--json").stdout());

        assertSuccess(table);
        assertThat(table.stdout().lines().toList().get(1)).matches(" 2  .*  failed .* docs .*");
        assertThat(table.stdout().lines().toList().get(2)).matches(" 1  .*  passed .* docs .*");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("id").asLong()).isEqualTo(2);
        assertThat(rows.get(0).get("verdict").asText()).isEqualTo("failed");
        assertThat(rows.get(0).get("sources").get(0).asText()).isEqualTo("docs");
        assertThat(rows.get(1).get("snapshot_id").asText()).hasSize(64);
    }

    @Test
    void reportsShow_printsTextOrWritesPage() throws Exception {
        assertSuccess(cli.run("restore-test"));

        CliRunner.Result shown = cli.run("reports", "show", "1");
        CliRunner.Result written = cli.run("reports", "show", "1", "--html", "page.html");

        assertSuccess(shown);
        assertThat(shown.stdout()).startsWith("Report 1\nRestore test PASSED");
        assertSuccess(written);
        String page = Files.readString(folder.resolve("page.html"));
        assertThat(page).contains("<h1>Restore test PASSED</h1>")
                .contains("<tr class=\"source\" data-source=\"docs\">")
                .contains("<svg id=\"trend-chart\"");
    }

    @Test
    void reportsShow_unknownId_namesNextCommand() {
        CliRunner.Result result = cli.run("reports", "show", "42");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.stderr()).contains("no restore test report 42 in the catalog")
                .contains("list them with holdfast reports");
    }

    @Test
    void snapshots_afterRestoreTest_listReportSnapshot() throws Exception {
        assertSuccess(cli.run("restore-test"));

        JsonNode snapshots = JSON.readTree(cli.run("snapshots", "--json").stdout());

        assertThat(snapshots).hasSize(3);
        assertThat(snapshots.get(2).get("tags").get(0).asText())
                .isEqualTo("restore-test-report");
        JsonNode cached = JSON.readTree(cli.run("catalog", "snapshots", "--json").stdout());
        assertThat(cached).hasSize(3);
    }

    @Test
    void catalogRebuild_newCatalog_readsReportsFromRepository() throws Exception {
        JsonNode original = JSON.readTree(cli.run("restore-test", "--json").stdout());
        deleteTree(folder.resolve(CatalogConfig.DEFAULT_FOLDER));

        CliRunner.Result rebuild = cli.run("catalog", "rebuild");
        CliRunner.Result again = cli.run("catalog", "rebuild");
        JsonNode shown = JSON.readTree(cli.run("reports", "show", "1", "--json").stdout());

        assertSuccess(rebuild);
        assertThat(rebuild.stdout()).contains("1 restore test report added");
        assertThat(again.stdout()).contains("0 restore test reports added");
        assertThat(shown.get("report")).isEqualTo(original.get("report"));
    }

    @Test
    void scheduledRestoreTest_runsTheCommand() {
        Schedule job = new Schedule(JobKinds.RESTORE_TEST, JobKinds.RESTORE_TEST,
                "0 30 4 * * ?", ZoneOffset.UTC, MisfirePolicy.RUN_ONCE);

        assertThat(JobExecutor.commands(job)).containsExactly(List.of("restore-test"));
        assertThat(JobKinds.writes(JobKinds.RESTORE_TEST)).isFalse();
        assertThat(JobKinds.RUN_ORDER.getLast()).isEqualTo(JobKinds.RESTORE_TEST);
    }

    /** Flips a byte in the middle of the largest pack and returns the pack's name. */
    private String damageLargestPack() throws IOException {
        Path pack;
        try (Stream<Path> files = Files.walk(folder.resolve("repo/data"))) {
            pack = files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .max(Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(pack);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(pack, bytes);
        return pack.getFileName().toString();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void assertSuccess(CliRunner.Result result) {
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCodes.SUCCESS);
    }
}
