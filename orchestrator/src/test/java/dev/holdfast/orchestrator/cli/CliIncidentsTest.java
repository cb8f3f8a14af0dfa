package dev.holdfast.orchestrator.cli;

import static dev.holdfast.orchestrator.cli.ThreeFolders.assertExit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.orchestrator.catalog.Catalog;
import dev.holdfast.orchestrator.catalog.Incident;
import dev.holdfast.orchestrator.catalog.Incidents.NewIncident;
import dev.holdfast.orchestrator.config.CatalogConfig;
import dev.holdfast.repository.engine.SettableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incidents and retention freezes through the command line: two sources with a keep-last 1
 * policy and two snapshots each, one day apart, and an incident of source "sample" recorded
 * in the embedded catalog as the guard records it.
 */
class CliIncidentsTest {
    private static final String PASSPHRASE = "incidents test passphrase";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-11-01T12:00:00Z");
    private static final Instant DETECTED = Instant.parse("2026-11-03T09:30:00Z");
    private static final String CONFIG = """
            repository:
              providers: [local]
              chunker: { min: 16KiB, average: 64KiB, max: 256KiB }
            providers:
              - { name: local, driver: filesystem, path: ./repo }
            sources:
              - name: sample
                paths: [data]
                retention: { keep-last: 1 }
              - name: other
                paths: [more]
                retention: { keep-last: 1 }
            """;

    @TempDir
    Path folder;

    private SettableClock clock;
    private CliRunner cli;
    private final List<String> sampleIds = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        ThreeFolders.writeData(folder);
        Files.createDirectories(folder.resolve("more"));
        Files.writeString(folder.resolve("more/notes.txt"), "other source");
        Files.writeString(folder.resolve("holdfast.yaml"), CONFIG);
        clock = new SettableClock(START);
        cli = new CliRunner(folder).env("HOLDFAST_PASSPHRASE", PASSPHRASE).clock(clock);
        assertExit(cli.run("init"), ExitCodes.SUCCESS);
        for (int day = 0; day < 2; day++) {
            JsonNode backup = json("backup", "--host", "h1", "--source", "sample", "--json");
            sampleIds.add(backup.get("snapshot_id").asText());
            assertExit(cli.run("backup", "--host", "h1", "--source", "other"),
                    ExitCodes.SUCCESS);
            clock.advance(Duration.ofDays(1));
        }
    }

    private JsonNode json(String... args) throws IOException {
        CliRunner.Result result = cli.run(args);
        assertExit(result, ExitCodes.SUCCESS);
        return JSON.readTree(result.stdout());
    }

    /** Records an incident of source "sample" as the guard does, with its freeze. */
    private long recordIncident() throws Exception {
        CatalogConfig config = CatalogConfig.embedded(folder.resolve("holdfast-catalog"));
        try (Catalog catalog = Catalog.open(config, Map.of())) {
            return catalog.incidents().record(new NewIncident("sample", DETECTED,
                    DETECTED.minusSeconds(60), "share", "alert", List.of(
                            new Incident.Table("public", "orders", "share", 10_000, 3_000,
                                    DETECTED.minusSeconds(60), false),
                            new Incident.Table("public", "lines", "dropped", 80_000, -1,
                                    DETECTED.minusSeconds(60), true)),
                    "2 tables damaged"));
        }
    }

    private String frozenMessage(long id) {
        return "source \"sample\" is frozen by incident " + id + " since 2026-11-03T09:30:00Z; "
                + "lift with holdfast incidents lift " + id + " --reason TEXT";
    }

    @Test
    void forgetPolicy_frozenSource_keepsItsSnapshots() throws Exception {
        long id = recordIncident();

        CliRunner.Result forget = cli.run("forget", "--host", "h1");

        assertExit(forget, ExitCodes.SUCCESS);
        assertThat(forget.stderr()).contains("warning: " + frozenMessage(id));
        assertThat(forget.stdout()).contains("source \"sample\": keep 2, forget 0")
                .contains("source \"other\": keep 1, forget 1")
                .containsPattern("(?m)^  " + sampleIds.getFirst().substring(0, 8)
                        + " .* keep +frozen by incident " + id + "$")
                .contains("forgot 1 snapshot");
        JsonNode live = json("snapshots", "--json");
        assertThat(live.size()).isEqualTo(3);
        assertThat(live.findValuesAsText("id")).containsAll(sampleIds);
    }

    @Test
    void prune_frozenSource_keepsForgottenSnapshotPastDelay() throws Exception {
        String first = sampleIds.getFirst();
        assertExit(cli.run("forget", first), ExitCodes.SUCCESS);
        clock.advance(Duration.ofDays(31));
        long id = recordIncident();

        CliRunner.Result frozen = cli.run("prune");

        assertExit(frozen, ExitCodes.SUCCESS);
        assertThat(frozen.stderr()).contains("prune keeps the forgotten snapshots of source "
                + "\"sample\"");
        assertThat(cli.run("snapshots", "--deleted").stdout()).contains(first.substring(0, 8));
        assertExit(cli.run("incidents", "lift", Long.toString(id), "--reason", "checked"),
                ExitCodes.SUCCESS);
        assertExit(cli.run("prune"), ExitCodes.SUCCESS);
        assertThat(cli.run("snapshots", "--deleted").stdout())
                .doesNotContain(first.substring(0, 8));
    }

    @Test
    void forgetPolicyJson_showsFreezeAsReason() throws Exception {
        long id = recordIncident();

        JsonNode result = json("forget", "--host", "h1", "--json");

        JsonNode sample = result.get("sources").get(0);
        assertThat(sample.get("source").asText()).isEqualTo("sample");
        assertThat(sample.get("snapshots").get(1).get("action").asText()).isEqualTo("keep");
        assertThat(sample.get("snapshots").get(1).get("reasons").get(0).asText())
                .isEqualTo("frozen by incident " + id);
        assertThat(result.get("forgotten").size()).isEqualTo(1);
    }

    @Test
    void forgetById_frozenSource_skipsSnapshot() throws Exception {
        long id = recordIncident();
        String first = sampleIds.getFirst();

        CliRunner.Result forget = cli.run("forget", first.substring(0, 8));

        assertExit(forget, ExitCodes.SUCCESS);
        assertThat(forget.stderr()).contains("warning: snapshot " + first.substring(0, 8)
                + " is not forgotten: " + frozenMessage(id));
        assertThat(forget.stdout()).contains("forgot no snapshot");
        assertThat(json("snapshots", "--deleted", "--json").size()).isZero();
    }

    @Test
    void forgetDryRun_frozenSource_wouldKeepAll() throws Exception {
        long id = recordIncident();

        CliRunner.Result dryRun = cli.run("forget", "--host", "h1", "--dry-run");

        assertExit(dryRun, ExitCodes.SUCCESS);
        assertThat(dryRun.stderr()).contains(frozenMessage(id));
        assertThat(dryRun.stdout()).contains("source \"sample\": keep 2, forget 0")
                .contains("dry run: would forget 1 snapshot");
    }

    @Test
    void lift_thenForget_appliesPolicyAgain() throws Exception {
        long id = recordIncident();

        CliRunner.Result lift = cli.run("incidents", "lift", Long.toString(id), "--reason",
                "restored and checked the orders table");

        assertExit(lift, ExitCodes.SUCCESS);
        assertThat(lift.stdout()).contains("lifted the freeze of source \"sample\" by incident "
                + id + " and closed the incident")
                .contains("forget applies the retention policy of source \"sample\" again");
        CliRunner.Result forget = cli.run("forget", "--host", "h1");
        assertExit(forget, ExitCodes.SUCCESS);
        assertThat(forget.stderr()).doesNotContain("frozen");
        assertThat(forget.stdout()).contains("forgot 2 snapshots");
        JsonNode shown = json("incidents", "show", Long.toString(id), "--json");
        assertThat(shown.get("state").asText()).isEqualTo("closed");
        assertThat(shown.get("frozen").asBoolean()).isFalse();
        JsonNode freeze = shown.get("freezes").get(0);
        assertThat(freeze.get("active").asBoolean()).isFalse();
        assertThat(freeze.get("lift_reason").asText())
                .isEqualTo("restored and checked the orders table");
        assertThat(freeze.get("lifted_by").asText()).contains("@");
    }

    @Test
    void lift_withoutReason_isUsageError() throws Exception {
        long id = recordIncident();

        CliRunner.Result lift = cli.run("incidents", "lift", Long.toString(id));
        CliRunner.Result blank = cli.run("incidents", "lift", Long.toString(id), "--reason",
                " ");

        assertExit(lift, ExitCodes.USAGE);
        assertThat(lift.stderr()).contains("--reason");
        assertExit(blank, ExitCodes.USAGE);
        assertThat(blank.stderr()).contains("empty --reason");
        assertThat(json("incidents", "--json").get(0).get("frozen").asBoolean()).isTrue();
    }

    @Test
    void lift_secondTime_saysNothingWasActive() throws Exception {
        long id = recordIncident();
        assertExit(cli.run("incidents", "lift", Long.toString(id), "--reason", "checked"),
                ExitCodes.SUCCESS);

        JsonNode again = json("incidents", "lift", Long.toString(id), "--reason", "again",
                "--json");

        assertThat(again.get("freezes_lifted").asInt()).isZero();
        assertThat(again.get("state").asText()).isEqualTo("closed");
        assertThat(again.get("still_frozen_by").size()).isZero();
    }

    @Test
    void list_showsIncidentAsTableAndJson() throws Exception {
        long id = recordIncident();

        CliRunner.Result table = cli.run("incidents");
        JsonNode json = json("incidents", "--json");

        assertExit(table, ExitCodes.SUCCESS);
        assertThat(table.stdout()).containsPattern("(?m)^ID +Source +Detected +Rule +Tables "
                + "+State +Freeze$");
        assertThat(table.stdout()).containsPattern("(?m)^ *" + id + " +sample +2026-11-03 "
                + "09:30:00 +share +public.lines \\(\\+1\\) +open +active$");
        assertThat(json.size()).isEqualTo(1);
        JsonNode incident = json.get(0);
        assertThat(incident.get("id").asLong()).isEqualTo(id);
        assertThat(incident.get("detected_at").asText()).isEqualTo(DETECTED.toString());
        assertThat(incident.get("frozen").asBoolean()).isTrue();
        JsonNode lines = incident.get("tables").get(0);
        assertThat(lines.get("table").asText()).isEqualTo("lines");
        assertThat(lines.get("rows_before").asLong()).isEqualTo(80_000);
        assertThat(lines.get("rows_after").isNull()).isTrue();
        assertThat(lines.get("estimated").asBoolean()).isTrue();
    }

    @Test
    void list_otherSourceOrNone_saysSo() throws Exception {
        CliRunner.Result none = cli.run("incidents");
        recordIncident();
        CliRunner.Result other = cli.run("incidents", "--source", "other");

        assertExit(none, ExitCodes.SUCCESS);
        assertThat(none.stdout()).contains("no incidents recorded");
        assertExit(other, ExitCodes.SUCCESS);
        assertThat(other.stdout()).contains("no incidents recorded for source \"other\"");
    }

    @Test
    void show_printsTablesAndFreeze() throws Exception {
        long id = recordIncident();

        CliRunner.Result show = cli.run("incidents", "show", Long.toString(id));

        assertExit(show, ExitCodes.SUCCESS);
        assertThat(show.stdout()).contains("incident " + id + " of source \"sample\": open")
                .contains("  rule:              share (action alert)")
                .contains("  forensic snapshot: -")
                .containsPattern("(?m)^  public.orders +share +10000 +3000 +2026-11-03 "
                        + "09:29:00 +counted$")
                .containsPattern("(?m)^  public.lines +dropped +80000 +- +2026-11-03 "
                        + "09:29:00 +estimated$")
                .contains("  since 2026-11-03 09:30:00: active");
    }

    @Test
    void show_unknownId_namesIt() throws Exception {
        CliRunner.Result show = cli.run("incidents", "show", "999");

        assertExit(show, ExitCodes.FAILURE);
        assertThat(show.stderr()).contains("incident 999 not found in the catalog")
                .contains("list the incidents with holdfast incidents");
    }

    @Test
    void catalogDisabled_forgetIgnoresFreezes_incidentsFails() throws Exception {
        Files.writeString(folder.resolve("holdfast.yaml"),
                CONFIG + "catalog:\n  enabled: false\n");

        CliRunner.Result forget = cli.run("forget", "--host", "h1");
        CliRunner.Result incidents = cli.run("incidents");

        assertExit(forget, ExitCodes.SUCCESS);
        assertThat(forget.stdout()).contains("forgot 2 snapshots");
        assertExit(incidents, ExitCodes.USAGE);
        assertThat(incidents.stderr()).contains("remove catalog.enabled: false");
    }

    @Test
    void catalogUnreadable_forgetWritesNothing() throws Exception {
        Path catalogFolder = folder.resolve("holdfast-catalog");
        try (var files = Files.list(catalogFolder)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.write(catalogFolder.resolve("catalog.mv.db"), new byte[] {1, 2, 3, 4, 5, 6, 7});

        CliRunner.Result forget = cli.run("forget", "--host", "h1");

        assertExit(forget, ExitCodes.FAILURE);
        assertThat(forget.stderr()).contains("cannot read the retention freezes of the "
                + "bulk-deletion guard").contains("forget writes nothing");
        assertThat(json("snapshots", "--deleted", "--json").size()).isZero();
    }
}
