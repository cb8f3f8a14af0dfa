package dev.holdfast.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.orchestrator.catalog.PostgresExtension;
import dev.holdfast.orchestrator.catalog.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code holdfast serve} processes on one throwaway PostgreSQL catalog, started at the same
 * moment, as two nodes of a Quartz cluster. Every run records the fire time it was due at, so
 * the catalog shows which fire ran where and how often.
 */
@ExtendWith(PostgresExtension.class)
class ClusterProcessTest {
    private static final String PASSPHRASE = "correct horse battery staple";
    private static final String PASSWORD_VARIABLE = "HOLDFAST_TEST_CATALOG_PASSWORD";
    /** Fire times in a row that must each have run once. */
    private static final int FIRES = 6;
    private static final Duration PERIOD = Duration.ofSeconds(2);
    /** Lets two JVMs start before the fire time, on a busy machine too. */
    private static final Duration LEAD = Duration.ofSeconds(8);
    /** About 3 s of backup on a 2-core machine, so that a node can be killed during it. */
    private static final long LARGE_FILE = 200L << 20;

    @TempDir
    Path folder;

    private final PostgresServer server;

    ClusterProcessTest(PostgresServer server) {
        this.server = server;
    }

    @Test
    void twoNodes_eachFireRunsOnce() throws Exception {
        String url = server.createDatabase("cluster_fires");
        Files.writeString(Files.createDirectories(folder.resolve("data")).resolve("a.txt"), "a");
        // The misfire threshold lets a fire that waits for a slow run keep its fire time.
        Path config = writeConfig(url, "*/" + PERIOD.toSeconds() + " * * * * ?", "10s");
        init();

        List<Instant> fires;
        try (ServeProcess first = serve(config, "node-1.log");
                ServeProcess second = serve(config, "node-2.log")) {
            String firstNode = first.awaitNode();
            String secondNode = second.awaitNode();
            assertThat(firstNode).isNotEqualTo(secondNode);
            fires = awaitFinishedFires(url, FIRES + 1);
            first.sigterm();
            second.sigterm();
            assertThat(first.awaitExit(Duration.ofSeconds(20))).as(first.output())
                    .isEqualTo(ExitCodes.SUCCESS);
            assertThat(second.awaitExit(Duration.ofSeconds(20))).as(second.output())
                    .isEqualTo(ExitCodes.SUCCESS);
        }

        List<Run> runs = backupRuns(url);
        List<Instant> window = fires.subList(0, FIRES);
        for (int i = 1; i < window.size(); i++) {
            assertThat(Duration.between(window.get(i - 1), window.get(i)))
                    .as("no fire time is missing between %s and %s", window.get(i - 1),
                            window.get(i)).isEqualTo(PERIOD);
        }
        for (Instant fire : window) {
            List<Run> ofFire = runs.stream().filter(run -> run.scheduledAt().equals(fire))
                    .toList();
            assertThat(ofFire).as("runs of fire time %s in %s", fire, runs).hasSize(1);
            assertThat(ofFire.getFirst().outcome()).isEqualTo("success");
        }
    }

    @Test
    void killedNode_otherNodeRecoversItsBackup() throws Exception {
        String url = server.createDatabase("cluster_recovery");
        Path data = Files.createDirectories(folder.resolve("data"));
        ServeProcess.writeRandomFile(data.resolve("large.bin"), LARGE_FILE);
        Instant fireTime = Instant.now().plus(LEAD).truncatedTo(ChronoUnit.SECONDS);
        Path config = writeConfig(url, ServeProcess.cronFiringAt(List.of(fireTime)), "10s");
        init();

        try (ServeProcess first = serve(config, "node-1.log");
                ServeProcess second = serve(config, "node-2.log")) {
            String firstNode = first.awaitNode();
            String secondNode = second.awaitNode();
            Pattern started = Pattern.compile("run \\S+ on node (\\S+): started \\(backup, "
                    + "fire time " + fireTime + "\\)");
            String killedNode = awaitEither(first, second, started).group(1);
            ServeProcess killed = killedNode.equals(firstNode) ? first : second;
            ServeProcess survivor = killed == first ? second : first;
            String survivorNode = killed == first ? secondNode : firstNode;
            Thread.sleep(500);
            assertThat(killed.printed(Pattern.compile("finished in")))
                    .as("the backup still runs when its node is killed").isFalse();
            killed.kill();

            survivor.await(Pattern.compile("run \\S+ on node " + survivorNode + ": started "
                    + "\\(backup, fire time " + fireTime + ", recovering the run of a node "
                    + "that stopped\\)"));
            survivor.await(Pattern.compile("job backup:docs .*: finished in"));
            assertThat(survivor.terminate(Duration.ofSeconds(20))).as(survivor.output())
                    .isEqualTo(ExitCodes.SUCCESS);

            List<Run> runs = backupRuns(url);
            assertThat(runs).extracting(Run::scheduledAt).containsOnly(fireTime);
            assertThat(runs).extracting(Run::node, Run::outcome).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple(killedNode, "interrupted"),
                    org.assertj.core.groups.Tuple.tuple(survivorNode, "success"));
        }
        CliRunner.Result check = cli().run("check");
        assertThat(check.exitCode()).as(check.stderr()).isEqualTo(ExitCodes.SUCCESS);
        CliRunner.Result snapshots = cli().run("snapshots", "--json");
        assertThat(Pattern.compile("\"id\"").matcher(snapshots.stdout()).results().count())
                .as(snapshots.stdout()).isEqualTo(1);
    }

    private Path writeConfig(String url, String cron, String misfireThreshold)
            throws IOException {
        return Files.writeString(folder.resolve("holdfast.yaml"), """
                repository: { providers: [local] }
                providers: [{ name: local, driver: filesystem, path: ./repo }]
                sources:
                  - name: docs
                    paths: [data]
                    schedule: { backup: "%s", time-zone: UTC, misfire: run-once }
                catalog: { url: "%s", user: %s, password-env: %s }
                service:
                  grace-period: 10s
                  misfire-threshold: %s
                  cluster-checkin-interval: 1s
                  lock-lease: 3s
                """.formatted(cron, url, PostgresServer.USER, PASSWORD_VARIABLE,
                misfireThreshold));
    }

    private CliRunner cli() {
        return new CliRunner(folder).env("HOLDFAST_PASSPHRASE", PASSPHRASE)
                .env(PASSWORD_VARIABLE, server.password());
    }

    private void init() {
        CliRunner.Result init = cli().run("init");
        assertThat(init.exitCode()).as(init.stderr()).isEqualTo(ExitCodes.SUCCESS);
    }

    private ServeProcess serve(Path config, String log) throws IOException {
        return ServeProcess.start(folder, config, folder.resolve(log), Map.of(
                "HOLDFAST_PASSPHRASE", PASSPHRASE, PASSWORD_VARIABLE, server.password()));
    }

    private static Matcher awaitEither(ServeProcess first, ServeProcess second, Pattern pattern)
            throws Exception {
        Instant deadline = Instant.now().plus(ServeProcess.WAIT);
        while (Instant.now().isBefore(deadline)) {
            for (ServeProcess node : List.of(first, second)) {
                Matcher matcher = pattern.matcher(node.output());
                if (matcher.find()) {
                    return matcher;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("neither node printed " + pattern + ":\n" + first.output()
                + "\n" + second.output());
    }

    /** Waits until {@code count} fire times have a finished run; returns them in order. */
    private List<Instant> awaitFinishedFires(String url, int count) throws Exception {
        Instant deadline = Instant.now().plus(ServeProcess.WAIT);
        while (Instant.now().isBefore(deadline)) {
            List<Instant> fires = backupRuns(url).stream().filter(run -> run.ended())
                    .map(Run::scheduledAt).distinct().sorted().toList();
            if (fires.size() >= count) {
                return fires;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(count + " fire times did not run within " + ServeProcess.WAIT
                + ": " + backupRuns(url));
    }

    /** One row of job_runs. */
    private record Run(Instant scheduledAt, String node, String outcome, boolean ended) {
    }

    private List<Run> backupRuns(String url) throws SQLException {
        String sql = "SELECT scheduled_at, node, outcome, ended FROM job_runs WHERE kind = "
                + "'backup' ORDER BY scheduled_at, id";
        List<Run> runs = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, PostgresServer.USER,
                server.password()); PreparedStatement query = connection.prepareStatement(sql);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                runs.add(new Run(rows.getObject("scheduled_at", OffsetDateTime.class)
                        .toInstant(), rows.getString("node"), rows.getString("outcome"),
                        rows.getObject("ended") != null));
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                // The first node has not created the catalog's tables yet.
                return List.of();
            }
            throw e;
        }
        return runs;
    }
}
