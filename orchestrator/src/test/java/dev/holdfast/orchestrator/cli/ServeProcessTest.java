package dev.holdfast.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code holdfast serve} as a real process with a backup every two seconds, stops it with
 * SIGTERM, and restarts it after a pause longer than the misfire threshold, so that the
 * stored trigger has a missed fire time that the run-once policy catches up.
 */
class ServeProcessTest {
    private static final String PASSPHRASE = "correct horse battery staple";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration GRACE = Duration.ofSeconds(20);
    private static final Pattern FINISHED =
            Pattern.compile("job backup:docs run [0-9a-f-]+: finished");

    @TempDir
    Path folder;

    private Path config;
    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(Files.createDirectories(folder.resolve("data")).resolve("a.txt"),
                "some data");
        config = Files.writeString(folder.resolve("holdfast.yaml"), """
                repository: { providers: [local] }
                providers: [{ name: local, driver: filesystem, path: ./repo }]
                sources:
                  - name: docs
                    paths: [data]
                    schedule: { backup: "*/2 * * * * ?", time-zone: UTC, misfire: run-once }
                service: { grace-period: %ds, misfire-threshold: 1s }
                """.formatted(GRACE.toSeconds()));
        cli = new CliRunner(folder).env("HOLDFAST_PASSPHRASE", PASSPHRASE);
    }

    @Test
    void serve_stopsOnSigtermAndCatchesUpAfterRestart() throws Exception {
        assertThat(cli.run("init").exitCode()).isEqualTo(ExitCodes.SUCCESS);

        Path firstOutput = folder.resolve("serve-1.log");
        Process first = serve(firstOutput);
        awaitOutput(first, firstOutput, FINISHED);
        first.destroy();
        assertThat(first.waitFor(GRACE.toSeconds() + 10, TimeUnit.SECONDS))
                .as("serve exits within the grace period").isTrue();
        assertThat(first.exitValue()).as(Files.readString(firstOutput)).isZero();
        assertThat(Files.readString(firstOutput)).contains("received SIGTERM, stopping");
        int afterFirst = snapshotCount();
        assertThat(afterFirst).isPositive();

        // Longer than the misfire threshold plus one period, so that a fire time is missed.
        Thread.sleep(Duration.ofSeconds(4));
        Path secondOutput = folder.resolve("serve-2.log");
        Process second = serve(secondOutput);
        awaitOutput(second, secondOutput, Pattern.compile(
                "job backup:docs: missed its fire time .*misfire policy run-once"));
        awaitOutput(second, secondOutput, FINISHED);
        second.destroy();
        assertThat(second.waitFor(GRACE.toSeconds() + 10, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as(Files.readString(secondOutput)).isZero();

        assertThat(snapshotCount()).isGreaterThan(afterFirst);
        assertThat(Files.exists(folder.resolve("holdfast-state/jobs.mv.db"))).isTrue();
    }

    private Process serve(Path output) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(List.of(java,
                "--enable-native-access=ALL-UNNAMED", "-cp", classPath,
                Holdfast.class.getName(), "--config", config.toString(), "serve"))
                .directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("HOLDFAST_PASSPHRASE", PASSPHRASE);
        return builder.start();
    }

    private static void awaitOutput(Process process, Path output, Pattern pattern)
            throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            String text = Files.exists(output) ? Files.readString(output) : "";
            Matcher matcher = pattern.matcher(text);
            if (matcher.find()) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("serve exited with " + process.exitValue()
                        + " before printing " + pattern + ":\n" + text);
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new AssertionError("serve did not print " + pattern + " within " + WAIT + ":\n"
                + Files.readString(output));
    }

    private int snapshotCount() {
        CliRunner.Result result = cli.run("snapshots", "--json");
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCodes.SUCCESS);
        return (int) Pattern.compile("\"id\"").matcher(result.stdout()).results().count();
    }
}
