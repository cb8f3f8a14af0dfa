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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole deletion path through the command line: forget, then prune before and after the
 * deletion delay, on a clock the test sets. Each backup changes one file, so that the
 * forgotten snapshot holds data no other snapshot needs.
 */
class CliForgetPruneTest {
    private static final String PASSPHRASE = "forget prune test passphrase";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DELAY = Duration.ofDays(7);

    @TempDir
    Path folder;

    private SettableClock clock;
    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        ThreeFolders.writeData(folder);
        clock = new SettableClock(Instant.parse("2026-11-01T12:00:00Z"));
        cli = new CliRunner(folder).env("HOLDFAST_PASSPHRASE", PASSPHRASE).clock(clock);
        Files.writeString(folder.resolve("holdfast.yaml"), """
                repository:
                  providers: [local]
                  chunker: { min: 16KiB, average: 64KiB, max: 256KiB }
                  deletion-delay: 7d
                providers:
                  - { name: local, driver: filesystem, path: ./repo }
                sources:
                  - name: sample
                    paths: [data]
                """);
    }

    private List<String> initAndBackUp(int count) throws IOException {
        assertExit(cli.run("init"), ExitCodes.SUCCESS);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] unique = new byte[300_000];
            new java.util.Random(i).nextBytes(unique);
            Files.write(folder.resolve("data/changing.bin"), unique);
            CliRunner.Result backup = cli.run("backup", "--json");
            assertExit(backup, ExitCodes.SUCCESS);
            ids.add(JSON.readTree(backup.stdout()).get("snapshot_id").asText());
            clock.advance(Duration.ofHours(1));
        }
        return ids;
    }

    private JsonNode json(String... args) throws IOException {
        CliRunner.Result result = cli.run(args);
        assertExit(result, ExitCodes.SUCCESS);
        return JSON.readTree(result.stdout());
    }

    private long objects(String prefix) throws IOException {
        Path path = folder.resolve("repo").resolve(prefix);
        if (!Files.exists(path)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void init_shortDelay_warns() throws Exception {
        Path config = folder.resolve("holdfast.yaml");
        Files.writeString(config, Files.readString(config)
                .replace("deletion-delay: 7d", "deletion-delay: 2h"));

        CliRunner.Result init = cli.run("init");

        assertExit(init, ExitCodes.SUCCESS);
        assertThat(init.stderr()).contains("repository.deletion-delay is 2h")
                .contains("at least a few days");
    }

    @Test
    void prune_waitsOutDelay_thenRemovesForgotten() throws Exception {
        List<String> ids = initAndBackUp(4);
        assertExit(cli.run("forget", ids.getFirst(), "--reason", "test"), ExitCodes.SUCCESS);
        Instant forgotten = clock.instant();

        JsonNode early = json("prune", "--json");
        assertThat(early.get("snapshots_removed")).isEmpty();
        CliRunner.Result text = cli.run("prune");
        assertExit(text, ExitCodes.SUCCESS);
        assertThat(text.stderr() + text.stdout()).contains("1 forgotten snapshot still waits out the deletion delay")
                .contains(forgotten.plus(DELAY).truncatedTo(ChronoUnit.SECONDS).toString());
        assertThat(objects("snapshots")).isEqualTo(4);

        clock.set(forgotten.plus(DELAY).minusMillis(1));
        assertThat(json("prune", "--json").get("snapshots_removed")).isEmpty();
        assertExit(cli.run("undelete", ids.getFirst()), ExitCodes.SUCCESS);
        clock.advance(Duration.ofMinutes(1));
        assertExit(cli.run("forget", ids.getFirst()), ExitCodes.SUCCESS);
        Instant forgottenAgain = clock.instant();

        clock.set(forgottenAgain.plus(DELAY));
        long packsBefore = objects("data");
        JsonNode pruned = json("prune", "--json");

        assertThat(pruned.get("snapshots_removed").get(0).asText()).isEqualTo(ids.getFirst());
        assertThat(pruned.get("bytes_deleted").asLong()).isPositive();
        assertThat(objects("snapshots")).isEqualTo(3);
        assertThat(objects("deleted")).as("records of the removed snapshot").isZero();
        assertThat(objects("data")).isLessThanOrEqualTo(packsBefore);
        assertThat(json("snapshots", "--deleted", "--json")).isEmpty();
        assertExit(cli.run("undelete", ids.getFirst()), ExitCodes.FAILURE);
        assertExit(cli.run("check", "--read-data"), ExitCodes.SUCCESS);
        for (String id : ids.subList(1, 4)) {
            Path target = folder.resolve("restore-" + id.substring(0, 8));
            assertExit(cli.run("restore", id, "--target", target.toString()), ExitCodes.SUCCESS);
        }
        JsonNode audit = json("audit", "--json");
        assertThat(audit.get("verified").asBoolean()).isTrue();
        List<String> actions = new ArrayList<>();
        audit.get("entries").forEach(e -> actions.add(e.get("action").asText()));
        assertThat(actions).containsSubsequence("forget", "prune", "prune", "prune", "undelete",
                "forget", "prune");
    }
}
