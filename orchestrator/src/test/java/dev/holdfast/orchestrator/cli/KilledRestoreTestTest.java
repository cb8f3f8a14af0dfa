package dev.holdfast.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a restore test with SIGKILL in the middle of a restore, in a child JVM, and checks
 * that the next holdfast restore-test removes what the dead one left and says so.
 */
class KilledRestoreTestTest {
    private static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    Path folder;

    @Test
    void restoreTest_afterKilledRun_sweepsItsDirectory() throws Exception {
        Files.createDirectories(folder.resolve("data"));
        Files.writeString(folder.resolve("data/a.txt"), "alpha");
        Path config = Files.writeString(folder.resolve("holdfast.yaml"), """
                repository: { providers: [local] }
                providers: [{ name: local, driver: filesystem, path: ./repo }]
                sources: [{ name: docs, paths: [data] }]
                service: { state-dir: ./state }
                restore-test: { volume: ./volume }
                """);
        CliRunner cli = new CliRunner(folder).env("HOLDFAST_PASSPHRASE", PASSPHRASE);
        assertThat(cli.run("init").exitCode()).isZero();
        assertThat(cli.run("backup").exitCode()).isZero();

        Process child = startChild(config);
        try (BufferedReader output = new BufferedReader(new InputStreamReader(
                child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(awaitLine(output, "restored")).as("child output").isEqualTo("restored");
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        List<Path> left = list(folder.resolve("volume"));
        assertThat(left).singleElement().satisfies(dir -> assertThat(dir.getFileName()
                .toString()).startsWith("holdfast-directory-"));
        assertThat(left.getFirst().resolve("data/a.txt")).hasContent("alpha");
        assertThat(list(folder.resolve("state/environments"))).hasSize(1);

        CliRunner.Result next = cli.run("restore-test", "--json");

        assertThat(next.exitCode()).as(next.stderr()).isZero();
        JsonNode report = new ObjectMapper().readTree(next.stdout()).get("report");
        assertThat(report.get("leftovers_removed")).singleElement()
                .satisfies(removed -> assertThat(removed.asText())
                        .contains(left.getFirst().toString())
                        .contains("of process " + child.pid()));
        assertThat(left.getFirst()).doesNotExist();
        assertThat(list(folder.resolve("volume"))).isEmpty();
        assertThat(list(folder.resolve("state/environments"))).isEmpty();
    }

    private Process startChild(Path config) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", classPath, RestoreTestChild.class.getName(), config.toString())
                .directory(folder.toFile()).redirectError(folder.resolve("child.err").toFile());
        builder.environment().put("HOLDFAST_PASSPHRASE", PASSPHRASE);
        return builder.start();
    }

    /** Reads lines until {@code expected} or the end, and returns the last line read. */
    private static String awaitLine(BufferedReader output, String expected) throws Exception {
        String line;
        String last = null;
        while ((line = output.readLine()) != null) {
            last = line;
            if (line.equals(expected)) {
                break;
            }
        }
        return last;
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        }
    }
}
