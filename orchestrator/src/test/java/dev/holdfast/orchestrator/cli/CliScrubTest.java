package dev.holdfast.orchestrator.cli;

import static dev.holdfast.orchestrator.cli.ThreeFolders.assertExit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.scheduler.MisfirePolicy;
import dev.holdfast.scheduler.Schedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a sample of the packs: {@code check --read-data-subset} and the scheduled scrub. */
class CliScrubTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIG = """
            repository:
              providers: [local]
              chunker: { min: 16KiB, average: 32KiB, max: 64KiB }
              pack-size: 64KiB
              scrub-share: 34%
            providers:
              - { name: local, driver: filesystem, path: ./repo }
            sources:
              - name: sample
                paths: [data]
            """;

    @TempDir
    Path folder;

    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        ThreeFolders.writeData(folder);
        Files.writeString(folder.resolve("holdfast.yaml"), CONFIG);
        cli = new CliRunner(folder).env("HOLDFAST_PASSPHRASE", "scrub test passphrase");
        assertExit(cli.run("init"), ExitCodes.SUCCESS);
        assertExit(cli.run("backup"), ExitCodes.SUCCESS);
    }

    private List<Path> packs() throws IOException {
        try (Stream<Path> files = Files.walk(folder.resolve("repo/data"))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private JsonNode check(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("check", "--json"));
        all.addAll(List.of(args));
        CliRunner.Result result = cli.run(all.toArray(String[]::new));
        assertExit(result, ExitCodes.SUCCESS);
        return JSON.readTree(result.stdout());
    }

    @Test
    void next_threeRuns_readEveryPackOnce() throws IOException {
        int packs = packs().size();
        assertThat(packs).isGreaterThan(6);

        long read = 0;
        for (int run = 0; run < 3; run++) {
            JsonNode report = check("--read-data-subset", "next");
            assertThat(report.get("packs_read").asLong()).isLessThan(packs);
            read += report.get("packs_read").asLong();
        }

        assertThat(read).isEqualTo(packs);
        JsonNode runs = JSON.readTree(cli.run("catalog", "runs", "--json").stdout());
        List<Integer> slices = new ArrayList<>();
        runs.forEach(run -> {
            if (run.get("kind").asText().equals("scrub")) {
                slices.add(run.get("figures").get("slice").asInt());
                assertThat(run.get("figures").get("slices").asInt()).isEqualTo(3);
            }
        });
        assertThat(slices).containsExactly(3, 2, 1);
    }

    @Test
    void next_damagedPack_foundInOneRound() throws IOException {
        Path pack = packs().getFirst();
        byte[] bytes = Files.readAllBytes(pack);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(pack, bytes);

        List<Integer> exits = new ArrayList<>();
        String output = "";
        for (int run = 0; run < 3; run++) {
            CliRunner.Result result = cli.run("check", "--read-data-subset", "next");
            exits.add(result.exitCode());
            output += result.stdout();
        }

        assertThat(exits).containsOnlyOnce(ExitCodes.DAMAGED_DATA)
                .filteredOn(exit -> exit != ExitCodes.DAMAGED_DATA)
                .containsOnly(ExitCodes.SUCCESS);
        assertThat(output).contains(pack.getFileName().toString());
    }

    @Test
    void share_readsThatShareOfThePacks() throws IOException {
        int packs = packs().size();

        JsonNode report = check("--read-data-subset", "50%");

        assertThat(report.get("packs_read").asLong()).isEqualTo((long) Math.ceil(packs / 2.0));
        assertThat(report.get("blobs_read").asLong()).isPositive();
    }

    @Test
    void slice_summaryNamesTheSlice() {
        CliRunner.Result result = cli.run("check", "--read-data-subset", "2/3");

        assertExit(result, ExitCodes.SUCCESS);
        assertThat(result.stdout()).containsPattern("read and authenticated, in \\d+ packs? "
                + "of the \\d+, slice 2/3\\)");
    }

    @Test
    void subset_invalidOrWithProvider_isAUsageError() {
        CliRunner.Result invalid = cli.run("check", "--read-data-subset", "most");
        assertExit(invalid, ExitCodes.USAGE);
        assertThat(invalid.stderr()).contains("\"most\"").contains("next");

        CliRunner.Result provider = cli.run("check", "--read-data-subset", "1/2", "--provider",
                "local");
        assertExit(provider, ExitCodes.USAGE);
        assertThat(provider.stderr()).contains("without --provider");
    }

    @Test
    void scheduledScrub_readsTheNextSlice() {
        Schedule scrub = new Schedule("scrub", "scrub", "0 0 6 * * ?", ZoneOffset.UTC,
                MisfirePolicy.SKIP);

        assertThat(JobExecutor.commands(scrub))
                .containsExactly(List.of("check", "--read-data-subset", "next"));
    }
}
