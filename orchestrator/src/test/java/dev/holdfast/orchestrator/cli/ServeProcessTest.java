package dev.holdfast.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.holdfast.scheduler.JobScheduler;
import dev.holdfast.scheduler.MisfirePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code holdfast serve} as a real process whose backup fires twice, five seconds apart.
 * The service gets SIGTERM during the first backup, which is too large to finish within the
 * grace period, and is restarted after the second fire time has passed, so the misfire policy
 * decides about it. The two policies run side by side, each in a folder of its own, to keep
 * the waits for fire times shared.
 */
class ServeProcessTest {
    private static final String PASSPHRASE = "correct horse battery staple";
    private static final Duration GRACE = Duration.ofSeconds(1);
    private static final Duration MISFIRE_THRESHOLD = Duration.ofSeconds(1);
    /** Lets serve start before the first fire time, on a busy machine too. */
    private static final Duration LEAD = Duration.ofSeconds(8);
    private static final Duration GAP = Duration.ofSeconds(5);
    /** About 3 s of backup on a 2-core machine: longer than the grace period. */
    private static final long LARGE_FILE = 200L << 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path folder;

    @Test
    void serve_sigtermThenRestart_catchesUpByPolicy() throws Exception {
        Instant first = Instant.now().plus(LEAD).truncatedTo(ChronoUnit.SECONDS);
        Instant second = first.plus(GAP);
        String cron = ServeProcess.cronFiringAt(List.of(first, second));
        List<Case> cases = List.of(new Case(folder.resolve("run-once"), MisfirePolicy.RUN_ONCE),
                new Case(folder.resolve("skip"), MisfirePolicy.SKIP));
        for (Case c : cases) {
            c.setUp(cron);
        }
        // A failed assertion must not leave the serve processes running.
        try {

            for (Case c : cases) {
                c.serve = ServeProcess.start(c.folder, c.config, c.folder.resolve("serve-1.log"),
                        c.environment());
            }
            for (Case c : cases) {
                c.serve.await(started(first));
            }
            Duration stopLimit = GRACE.plus(JobScheduler.INTERRUPTED_WAIT).plusSeconds(5);
            for (Case c : cases) {
                c.serve.sigterm();
            }
            for (Case c : cases) {
                int status = c.serve.awaitExit(stopLimit);
                String output = c.serve.output();
                assertThat(status).as(output).isEqualTo(ExitCodes.INTERRUPTED);
                assertThat(output).contains("received SIGTERM, stopping",
                        "interrupting them");
                c.serve.close();
            }
            for (Case c : cases) {
                assertThat(c.snapshotCount()).as("no snapshot of the interrupted backup:\n%s",
                        c.serve.output()).isZero();
                CliRunner.Result check = c.cli.run("check");
                assertThat(check.exitCode()).as(check.stderr()).isEqualTo(ExitCodes.SUCCESS);
                Files.delete(c.folder.resolve("data/large.bin"));
            }

            sleepUntil(second.plus(MISFIRE_THRESHOLD).plusMillis(500));
            Instant restarted = Instant.now();
            for (Case c : cases) {
                c.serve = ServeProcess.start(c.folder, c.config, c.folder.resolve("serve-2.log"),
                        c.environment());
            }
            Case runOnce = cases.get(0);
            Case skip = cases.get(1);
            runOnce.serve.await(Pattern.compile("job backup:docs: missed its fire time "
                    + second + "; misfire policy run-once: running it once now"));
            runOnce.serve.await(Pattern.compile("job backup:docs .*: finished in"));
            skip.serve.await(Pattern.compile("job backup:docs: missed its fire time " + second
                    + "; misfire policy skip: waiting for the next fire time"));
            // Long enough for a catch-up run to start, were the policy ignored.
            Thread.sleep(2000);
            for (Case c : cases) {
                c.serve.sigterm();
            }
            for (Case c : cases) {
                int status = c.serve.awaitExit(Duration.ofSeconds(15));
                assertThat(status).as(c.serve.output()).isEqualTo(ExitCodes.SUCCESS);
                c.serve.close();
            }

            List<Map<String, Object>> runOnceRuns = runOnce.backupRuns();
            assertThat(runOnceRuns).extracting(run -> run.get("outcome"))
                    .containsExactly("interrupted", "success");
            assertThat(runOnceRuns.getFirst()).containsEntry("scheduled_at", first.toString());
            assertThat(Instant.parse((String) runOnceRuns.get(1).get("scheduled_at")))
                    .as("the catch-up run is due when the restarted service noticed the misfire")
                    .isAfter(restarted);
            assertThat(runOnce.snapshotCount()).isEqualTo(1);

            List<Map<String, Object>> skipRuns = skip.backupRuns();
            assertThat(skipRuns).extracting(run -> run.get("outcome"))
                    .containsExactly("interrupted");
            assertThat(skip.snapshotCount()).isZero();
        } finally {
            for (Case c : cases) {
                if (c.serve != null) {
                    c.serve.close();
                }
            }
        }
    }

    private static Pattern started(Instant fireTime) {
        return Pattern.compile("job backup:docs \\(source docs\\) run \\S+ on node \\S+: "
                + "started \\(backup, fire time " + fireTime + "\\)");
    }

    private static void sleepUntil(Instant time) throws InterruptedException {
        Duration left = Duration.between(Instant.now(), time);
        if (left.isPositive()) {
            Thread.sleep(left);
        }
    }

    /** One service with its own repository, catalog and misfire policy. */
    private static final class Case {
        final Path folder;
        final MisfirePolicy policy;
        Path config;
        CliRunner cli;
        ServeProcess serve;

        Case(Path folder, MisfirePolicy policy) {
            this.folder = folder;
            this.policy = policy;
        }

        void setUp(String cron) throws IOException {
            Path data = Files.createDirectories(folder.resolve("data"));
            Files.writeString(data.resolve("a.txt"), "some data");
            ServeProcess.writeRandomFile(data.resolve("large.bin"), LARGE_FILE);
            config = Files.writeString(folder.resolve("holdfast.yaml"), """
                    repository: { providers: [local] }
                    providers: [{ name: local, driver: filesystem, path: ./repo }]
                    sources:
                      - name: docs
                        paths: [data]
                        schedule: { backup: "%s", time-zone: UTC, misfire: %s }
                    service: { grace-period: %ds, misfire-threshold: %ds }
                    """.formatted(cron, policy.configName(), GRACE.toSeconds(),
                    MISFIRE_THRESHOLD.toSeconds()));
            cli = new CliRunner(folder).env("HOLDFAST_PASSPHRASE", PASSPHRASE);
            CliRunner.Result init = cli.run("init");
            assertThat(init.exitCode()).as(init.stderr()).isEqualTo(ExitCodes.SUCCESS);
        }

        Map<String, String> environment() {
            return Map.of("HOLDFAST_PASSPHRASE", PASSPHRASE);
        }

        int snapshotCount() {
            CliRunner.Result result = cli.run("snapshots", "--json");
            assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCodes.SUCCESS);
            return (int) Pattern.compile("\"id\"").matcher(result.stdout()).results().count();
        }

        /** Returns the recorded backup runs, oldest first. */
        List<Map<String, Object>> backupRuns() throws IOException {
            CliRunner.Result result = cli.run("catalog", "runs", "--json");
            assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCodes.SUCCESS);
            List<Map<String, Object>> runs = new ArrayList<>(JSON.readValue(result.stdout(),
                    new TypeReference<List<Map<String, Object>>>() { }));
            runs.removeIf(run -> !"backup".equals(run.get("kind")));
            return runs.reversed();
        }
    }
}
