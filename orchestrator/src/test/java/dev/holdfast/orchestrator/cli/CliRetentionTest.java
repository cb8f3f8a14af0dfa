package dev.holdfast.orchestrator.cli;

import static dev.holdfast.orchestrator.cli.ThreeFolders.assertExit;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.repository.engine.SettableClock;
import dev.holdfast.repository.retention.Retention;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * forget, undelete and snapshots --deleted through the command line, on one filesystem
 * provider, timed by a clock the test sets. Backups run a day apart at noon UTC.
 */
class CliRetentionTest {
    private static final String PASSPHRASE = "retention test passphrase";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-11-01T12:00:00Z");

    @TempDir
    Path folder;

    private SettableClock clock;
    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        ThreeFolders.writeData(folder);
        clock = new SettableClock(START);
        cli = new CliRunner(folder).env("HOLDFAST_PASSPHRASE", PASSPHRASE).clock(clock);
    }

    private static String config(String repositoryExtra, String retention) {
        return """
                repository:
                  providers: [local]
                  chunker: { min: 16KiB, average: 64KiB, max: 256KiB }
                %s
                providers:
                  - { name: local, driver: filesystem, path: ./repo }
                sources:
                  - name: sample
                    paths: [data]
                    retention: %s
                """.formatted(repositoryExtra, retention);
    }

    private void writeConfig(String repositoryExtra, String retention) throws IOException {
        Files.writeString(folder.resolve("holdfast.yaml"), config(repositoryExtra, retention));
    }

    /** Runs init, then {@code count} backups a day apart; returns their IDs, oldest first. */
    private List<String> initAndBackUp(int count, String... backupOptions) throws IOException {
        assertExit(cli.run("init"), ExitCodes.SUCCESS);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> args = new ArrayList<>(List.of("backup", "--host", "h1", "--json"));
            args.addAll(List.of(backupOptions));
            CliRunner.Result backup = cli.run(args.toArray(String[]::new));
            assertExit(backup, ExitCodes.SUCCESS);
            ids.add(JSON.readTree(backup.stdout()).get("snapshot_id").asText());
            clock.advance(Duration.ofDays(1));
        }
        return ids;
    }

    private JsonNode json(String... args) throws IOException {
        CliRunner.Result result = cli.run(args);
        assertExit(result, ExitCodes.SUCCESS);
        return JSON.readTree(result.stdout());
    }

    private long deletionRecords() throws IOException {
        Path deleted = folder.resolve("repo/deleted");
        if (!Files.exists(deleted)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(deleted)) {
            return files.count();
        }
    }

    @Test
    void forgetDryRun_printsPlanPerSource_writesNothing() throws Exception {
        writeConfig("", "{ keep-daily: 2 }");
        List<String> ids = initAndBackUp(3);

        CliRunner.Result result = cli.run("forget", "--host", "h1", "--dry-run");

        assertExit(result, ExitCodes.SUCCESS);
        assertThat(result.stdout()).contains("source \"sample\": keep 2, forget 1");
        assertThat(result.stdout()).containsPattern("(?m)^  " + ids.get(2).substring(0, 8)
                + " +2026-11-03 12:00:00 +keep +daily 2026-11-03$");
        assertThat(result.stdout()).containsPattern("(?m)^  " + ids.get(0).substring(0, 8)
                + " +2026-11-01 12:00:00 +forget$");
        assertThat(result.stdout()).contains("nothing was written");
        assertThat(deletionRecords()).isZero();
        assertThat(json("snapshots", "--json").size()).isEqualTo(3);
    }

    @Test
    void forgetPolicy_forgets_snapshotsDeletedListsRemovalDate() throws Exception {
        writeConfig("", "{ keep-daily: 2 }");
        List<String> ids = initAndBackUp(3);
        Instant forgetTime = clock.instant();

        CliRunner.Result forget = cli.run("forget", "--host", "h1", "--reason", "cleanup");

        assertExit(forget, ExitCodes.SUCCESS);
        assertThat(forget.stdout()).contains("forgot 1 snapshot");
        JsonNode live = json("snapshots", "--json");
        assertThat(live.size()).isEqualTo(2);
        JsonNode deleted = json("snapshots", "--deleted", "--json");
        assertThat(deleted.size()).isEqualTo(1);
        assertThat(deleted.get(0).get("id").asText()).isEqualTo(ids.get(0));
        assertThat(deleted.get(0).get("forgotten_at").asText()).isEqualTo(forgetTime.toString());
        assertThat(deleted.get(0).get("removable_at").asText())
                .isEqualTo(forgetTime.plus(Duration.ofDays(30)).toString());
        assertThat(deleted.get(0).get("reason").asText()).isEqualTo("cleanup");
        CliRunner.Result table = cli.run("snapshots", "--deleted");
        assertExit(table, ExitCodes.SUCCESS);
        assertThat(table.stdout()).containsPattern("(?m)^ID +Time +Host +Tags +Paths +Forgotten "
                + "+Removable from +Reason$");
        assertThat(table.stdout()).contains("2026-12-04 12:00:00");
    }

    @Test
    void forgetById_twice_secondIsNoOp() throws Exception {
        writeConfig("", "{ keep-last: 5 }");
        List<String> ids = initAndBackUp(2);
        assertExit(cli.run("forget", ids.get(0).substring(0, 8)), ExitCodes.SUCCESS);
        long records = deletionRecords();

        CliRunner.Result again = cli.run("forget", ids.get(0));

        assertExit(again, ExitCodes.SUCCESS);
        assertThat(again.stdout()).contains("snapshot " + ids.get(0).substring(0, 8)
                + " was already forgotten");
        assertThat(deletionRecords()).isEqualTo(records);
    }

    @Test
    void undelete_untilDelayEnds_thenFailsNamingEnd() throws Exception {
        writeConfig("  deletion-delay: 10d", "{ keep-last: 5 }");
        List<String> ids = initAndBackUp(2);
        assertExit(cli.run("forget", ids.get(0)), ExitCodes.SUCCESS);
        Instant removableAt = clock.instant().plus(Duration.ofDays(10));

        clock.set(removableAt.minusNanos(1));
        CliRunner.Result undelete = cli.run("undelete", ids.get(0).substring(0, 8));
        assertExit(undelete, ExitCodes.SUCCESS);
        assertThat(undelete.stdout()).contains("undeleted snapshot " + ids.get(0).substring(0, 8));
        assertThat(json("snapshots", "--json").size()).isEqualTo(2);

        assertExit(cli.run("forget", ids.get(0)), ExitCodes.SUCCESS);
        // The forget record is one nanosecond after the undelete record written at the same
        // clock instant, so its delay ends one nanosecond later too.
        clock.advance(Duration.ofDays(10).plusNanos(1));
        CliRunner.Result late = cli.run("undelete", ids.get(0));
        assertExit(late, ExitCodes.FAILURE);
        assertThat(late.stderr()).contains("cannot be undeleted")
                .contains("prune may already have removed its data");
    }

    @Test
    void undelete_liveSnapshot_fails() throws Exception {
        writeConfig("", "{ keep-last: 5 }");
        List<String> ids = initAndBackUp(1);

        CliRunner.Result result = cli.run("undelete", ids.get(0));

        assertExit(result, ExitCodes.FAILURE);
        assertThat(result.stderr()).contains("is not forgotten");
    }

    @Test
    void guard_policyChangeForgettingNinetyPercent_stopsUntilConfirmed() throws Exception {
        writeConfig("", "{ keep-last: 10 }");
        initAndBackUp(10);
        assertExit(cli.run("forget", "--host", "h1"), ExitCodes.SUCCESS);
        writeConfig("", "{ keep-last: 1 }");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(Retention.class);
        log.start();
        logger.addAppender(log);
        // The test-jars on the classpath bring a logback-test.xml whose root level is ERROR.
        Level before = logger.getLevel();
        logger.setLevel(Level.WARN);

        CliRunner.Result stopped;
        try {
            stopped = cli.run("forget", "--host", "h1");
        } finally {
            logger.detachAppender(log);
            logger.setLevel(before);
        }

        assertExit(stopped, ExitCodes.BULK_DELETION_STOPPED);
        assertThat(stopped.stderr()).contains("9 of 10 live snapshots (90%)")
                .contains("bulk-deletion share of 50%").contains("--confirm-bulk-deletion");
        assertThat(log.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains("bulk deletion stopped")
                    .contains("9 of 10 live snapshots");
        });
        assertThat(deletionRecords()).isZero();
        assertThat(json("snapshots", "--json").size()).isEqualTo(10);

        CliRunner.Result confirmed = cli.run("forget", "--host", "h1",
                "--confirm-bulk-deletion");

        assertExit(confirmed, ExitCodes.SUCCESS);
        assertThat(json("snapshots", "--json").size()).isEqualTo(1);
    }

    @Test
    void guard_recentForgets_countInDryRunToo() throws Exception {
        writeConfig("", "{ keep-last: 10 }");
        List<String> ids = initAndBackUp(6);
        assertExit(cli.run("forget", ids.get(0)), ExitCodes.SUCCESS);
        assertExit(cli.run("forget", ids.get(1)), ExitCodes.SUCCESS);

        CliRunner.Result dryRun = cli.run("forget", "--dry-run", ids.get(2), ids.get(3));
        CliRunner.Result stopped = cli.run("forget", ids.get(2), ids.get(3));

        assertExit(dryRun, ExitCodes.SUCCESS);
        assertThat(dryRun.stderr())
                .contains("the bulk-deletion guard would stop it: this run would forget")
                .contains("forget 2 snapshots, and the 2 forgotten in the last 24 hours")
                .contains("4 of 6 live or recently forgotten snapshots (66.7%)");
        assertExit(stopped, ExitCodes.BULK_DELETION_STOPPED);
        assertThat(stopped.stderr())
                .contains("forget 2 snapshots, and the 2 forgotten in the last 24 hours")
                .contains("4 of 6 live or recently forgotten snapshots (66.7%)");
        assertThat(json("snapshots", "--json").size()).isEqualTo(4);
    }

    @Test
    void keepFlags_overrideYaml() throws Exception {
        writeConfig("  bulk-deletion-share: 100%", "{ keep-last: 5 }");
        List<String> ids = initAndBackUp(3);

        CliRunner.Result result = cli.run("forget", "--host", "h1", "--keep-last", "1",
                "--json");

        assertExit(result, ExitCodes.SUCCESS);
        JsonNode report = JSON.readTree(result.stdout());
        assertThat(report.get("forgotten")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(ids.get(0), ids.get(1));
        assertThat(report.get("sources").get(0).get("snapshots").get(0).get("reasons")
                .get(0).asText()).isEqualTo("last 1");
    }

    @Test
    void forgetById_pinnedTag_rejected() throws Exception {
        writeConfig("", "{ keep-last: 5, pin-tags: [keep] }");
        List<String> ids = initAndBackUp(2, "--tag", "keep");

        CliRunner.Result result = cli.run("forget", ids.get(0));

        assertExit(result, ExitCodes.FAILURE);
        assertThat(result.stderr()).contains("has the pinned tag \"keep\"")
                .contains("nothing was forgotten");
        assertThat(deletionRecords()).isZero();
    }

    @Test
    void yamlDelay_shorterThanSealed_warnsAndUsesSealed() throws Exception {
        writeConfig("  deletion-delay: 30d", "{ keep-last: 5 }");
        List<String> ids = initAndBackUp(2);
        writeConfig("  deletion-delay: 1d", "{ keep-last: 5 }");
        Instant forgetTime = clock.instant();

        CliRunner.Result forget = cli.run("forget", ids.get(0));

        assertExit(forget, ExitCodes.SUCCESS);
        assertThat(forget.stderr()).contains("repository.deletion-delay 1d")
                .contains("shorter than the deletion delay of 30d");
        JsonNode deleted = json("snapshots", "--deleted", "--json");
        assertThat(deleted.get(0).get("removable_at").asText())
                .isEqualTo(forgetTime.plus(Duration.ofDays(30)).toString());
        clock.advance(Duration.ofDays(2));
        assertExit(cli.run("undelete", ids.get(0)), ExitCodes.SUCCESS);
    }

    @Test
    void yamlDelay_longerThanSealed_lengthens() throws Exception {
        writeConfig("  deletion-delay: 7d", "{ keep-last: 5 }");
        List<String> ids = initAndBackUp(2);
        writeConfig("  deletion-delay: 14d", "{ keep-last: 5 }");
        Instant forgetTime = clock.instant();

        assertExit(cli.run("forget", ids.get(0)), ExitCodes.SUCCESS);

        JsonNode deleted = json("snapshots", "--deleted", "--json");
        assertThat(deleted.get(0).get("removable_at").asText())
                .isEqualTo(forgetTime.plus(Duration.ofDays(14)).toString());
    }

    @Test
    void forgottenSnapshot_restoresByteForByte() throws Exception {
        writeConfig("", "{ keep-last: 5 }");
        List<String> ids = initAndBackUp(2);
        assertExit(cli.run("forget", ids.get(0)), ExitCodes.SUCCESS);

        CliRunner.Result restore = cli.run("restore", ids.get(0), "--target", "restored");

        assertExit(restore, ExitCodes.SUCCESS);
        assertThat(TestFolders.tree(folder.resolve("restored/data")))
                .isEqualTo(TestFolders.tree(folder.resolve("data")));
    }

    @Test
    void idsAndPolicy_together_usageError() throws Exception {
        writeConfig("", "{ keep-last: 5 }");
        List<String> ids = initAndBackUp(1);

        CliRunner.Result result = cli.run("forget", ids.get(0), "--keep-last", "1");

        assertExit(result, ExitCodes.USAGE);
        assertThat(result.stderr()).contains("pass either snapshot IDs or a policy");
    }
}
