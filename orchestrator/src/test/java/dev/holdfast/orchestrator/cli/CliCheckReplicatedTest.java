package dev.holdfast.orchestrator.cli;

import static dev.holdfast.orchestrator.cli.ThreeFolders.assertExit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check command on a repository kept on three filesystem providers: the check of one
 * provider's copies by themselves, and the placement check of every object's copies.
 */
class CliCheckReplicatedTest {
    private static final String PASSPHRASE = "check test passphrase";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        ThreeFolders.writeData(folder);
        cli = new CliRunner(folder).env("HOLDFAST_PASSPHRASE", PASSPHRASE);
    }

    @Test
    void checkProvider_damagedPack_foundThereOnly() throws Exception {
        initAndBackUp(ThreeFolders.CONFIG);
        Path pack = TestFolders.anyPack(folder.resolve("b"));
        String key = key(folder.resolve("b"), pack);
        TestFolders.damage(pack);

        CliRunner.Result damaged = cli.run("check", "--read-data", "--provider", "b");

        assertExit(damaged, ExitCodes.DAMAGED_DATA);
        assertThat(damaged.stdout()).contains("damaged: provider \"b\": " + key + ": ");
        assertThat(damaged.stdout()).doesNotContain("missing:");
        assertThat(damaged.stderr()).contains("provider \"b\" lacks 0 objects and holds "
                + "1 damaged copy; run holdfast repair");
        for (String other : List.of("a", "c")) {
            CliRunner.Result sound = cli.run("check", "--read-data", "--provider", other);
            assertExit(sound, ExitCodes.SUCCESS);
            assertThat(sound.stdout()).as(other).doesNotContain("damaged:");
        }
    }

    @Test
    void checkProvider_readData_countsObjectsAndBytes() throws Exception {
        initAndBackUp(ThreeFolders.CONFIG);
        Map<String, byte[]> stored = TestFolders.objectsOf(folder.resolve("c"));

        CliRunner.Result result = cli.run("check", "--read-data", "--provider", "c", "--json");

        assertExit(result, ExitCodes.SUCCESS);
        JsonNode report = JSON.readTree(result.stdout());
        assertThat(report.get("provider").asText()).isEqualTo("c");
        assertThat(report.get("target").asBoolean()).isTrue();
        assertThat(report.get("clean").asBoolean()).isTrue();
        assertThat(report.get("objects").asInt()).isEqualTo(stored.size());
        assertThat(report.get("bytes_read").asLong())
                .isEqualTo(stored.values().stream().mapToLong(bytes -> bytes.length).sum());
        assertThat(report.get("missing").size()).isZero();
        assertThat(report.get("damaged").size()).isZero();
    }

    @Test
    void checkProvider_forgedSnapshot_failsAuthentication() throws Exception {
        initAndBackUp(ThreeFolders.CONFIG);
        byte[] forged = "bytes that hash to their own name".getBytes();
        String name = sha256(forged);
        for (String provider : List.of("a", "b", "c")) {
            Files.write(folder.resolve(provider).resolve("snapshots").resolve(name), forged);
        }

        CliRunner.Result result = cli.run("check", "--read-data", "--provider", "a");

        assertExit(result, ExitCodes.DAMAGED_DATA);
        assertThat(result.stdout()).contains("damaged: provider \"a\": snapshots/" + name
                + ": snapshot failed authentication");
    }

    @Test
    void checkProvider_missingObject_foundWithoutReadingData() throws Exception {
        initAndBackUp(ThreeFolders.CONFIG);
        Path pack = TestFolders.anyPack(folder.resolve("a"));
        String key = key(folder.resolve("a"), pack);
        Files.delete(pack);

        CliRunner.Result missing = cli.run("check", "--provider", "a", "--json");

        assertExit(missing, ExitCodes.DAMAGED_DATA);
        JsonNode report = JSON.readTree(missing.stdout());
        assertThat(report.get("read_data").asBoolean()).isFalse();
        assertThat(report.get("bytes_read").asLong()).isZero();
        assertThat(report.get("missing").get(0).asText()).isEqualTo(key);
        assertThat(report.get("missing").size()).isEqualTo(1);
        assertThat(cli.run("check", "--provider", "a").stdout())
                .contains("missing: provider \"a\": " + key);
        assertExit(cli.run("check", "--provider", "b"), ExitCodes.SUCCESS);
    }

    @Test
    void checkProvider_truncatedCopy_sizeDiffersFromOthers() throws Exception {
        initAndBackUp(ThreeFolders.CONFIG);
        Path pack = TestFolders.anyPack(folder.resolve("c"));
        String key = key(folder.resolve("c"), pack);
        long size = Files.size(pack);
        byte[] bytes = Files.readAllBytes(pack);
        Files.write(pack, Arrays.copyOf(bytes, bytes.length - 100));

        CliRunner.Result result = cli.run("check", "--provider", "c");

        assertExit(result, ExitCodes.DAMAGED_DATA);
        assertThat(result.stdout()).contains("damaged: provider \"c\": " + key + ": size is "
                + (size - 100) + " bytes, but the copies on \"a\", \"b\" are " + size + " bytes");
    }

    @Test
    void checkProvider_unknownName_listsConfiguredProviders() throws Exception {
        initAndBackUp(ThreeFolders.CONFIG);

        CliRunner.Result result = cli.run("check", "--read-data", "--provider", "d");

        assertExit(result, ExitCodes.USAGE);
        assertThat(result.stderr()).contains("unknown provider \"d\" for --provider: the "
                + "repository's providers are \"a\", \"b\", \"c\"; pass one of them");
    }

    @Test
    void check_missingCopy_reportsCopiesRule() throws Exception {
        initAndBackUp(ThreeFolders.CONFIG);
        Path pack = TestFolders.anyPack(folder.resolve("b"));
        String key = key(folder.resolve("b"), pack);
        Files.delete(pack);

        CliRunner.Result result = cli.run("check");

        assertExit(result, ExitCodes.DAMAGED_DATA);
        assertThat(result.stdout()).contains("placement: " + key + ": rule copies: stored on "
                + "2 of 3 providers (\"a\", \"c\")");
        assertThat(result.stderr()).contains("check found 1 object whose copies break the "
                + "placement rules; run holdfast repair");
        assertExit(cli.run("repair"), ExitCodes.SUCCESS);
        assertExit(cli.run("check"), ExitCodes.SUCCESS);
    }

    @Test
    void check_sharedOperator_reportsDifferBy() throws Exception {
        initAndBackUp("""
                repository:
                  providers: [a, b]
                  copies: 2
                  differ-by: [operator]
                  chunker: { min: 16KiB, average: 64KiB, max: 256KiB }
                  pack-size: 256KiB
                providers:
                  - { name: a, driver: filesystem, path: ./a, operator: Alpha }
                  - { name: b, driver: filesystem, path: ./b, operator: Bravo }
                """ + ThreeFolders.SOURCES);
        int objects = TestFolders.objectsOf(folder.resolve("a")).size();
        // Alpha has bought Bravo, so every copy on "b" now sits with the operator of "a".
        Files.createDirectories(folder.resolve("c"));
        Files.writeString(folder.resolve("holdfast.yaml"), """
                repository:
                  providers: [a, b, c]
                  copies: 2
                  differ-by: [operator]
                providers:
                  - { name: a, driver: filesystem, path: ./a, operator: Alpha }
                  - { name: b, driver: filesystem, path: ./b, operator: Alpha }
                  - { name: c, driver: filesystem, path: ./c, operator: Charlie }
                """ + ThreeFolders.SOURCES);

        CliRunner.Result result = cli.run("check", "--json");

        assertExit(result, ExitCodes.DAMAGED_DATA);
        JsonNode violations = JSON.readTree(result.stdout()).get("placement").get("violations");
        assertThat(violations.size()).isEqualTo(objects);
        JsonNode first = violations.get(0);
        assertThat(first.get("rule").asText()).isEqualTo("differ-by");
        assertThat(first.get("providers").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(first.get("reason").asText()).isEqualTo("no 2 of the providers holding it "
                + "(\"a\", \"b\") differ pairwise in [operator]: \"a\" and \"b\" share operator "
                + "\"Alpha\"");
        CliRunner.Result text = cli.run("check");
        assertThat(text.stdout()).contains("placement: config: rule differ-by: no 2 of the "
                + "providers holding it");
        assertThat(text.stdout()).contains("placement: checked " + objects + " objects on 3 "
                + "providers: " + objects + " break the rules");
        assertThat(text.stderr()).contains("run holdfast repair");

        assertExit(cli.run("repair"), ExitCodes.SUCCESS);

        assertThat(TestFolders.objectsOf(folder.resolve("c"))).hasSize(objects);
        CliRunner.Result repaired = cli.run("check");
        assertExit(repaired, ExitCodes.SUCCESS);
        assertThat(repaired.stdout()).doesNotContain("rule differ-by");
        assertThat(repaired.stdout()).contains("placement: checked " + objects + " objects on "
                + "3 providers: every object meets the rules");
    }

    @Test
    void repair_markedSnapshot_recordedOncePlacementHolds() throws Exception {
        Files.writeString(folder.resolve("holdfast.yaml"), """
                repository:
                  providers: [a, b]
                  copies: 2
                  differ-by: [operator]
                  write-quorum: 1
                  chunker: { min: 16KiB, average: 64KiB, max: 256KiB }
                  pack-size: 256KiB
                providers:
                  - { name: a, driver: filesystem, path: ./a, operator: Alpha }
                  - { name: b, driver: filesystem, path: ./b, operator: Bravo }
                """ + ThreeFolders.SOURCES);
        assertExit(cli.run("init"), ExitCodes.SUCCESS);
        // A file where b keeps its packs makes every pack upload to b fail.
        Path packs = folder.resolve("b").resolve("data");
        Files.createDirectories(packs);
        Files.delete(packs);
        Files.writeString(packs, "in the way");
        assertExit(cli.run("backup"), ExitCodes.SUCCESS);
        String id = JSON.readTree(cli.run("snapshots", "--json").stdout()).get(0)
                .get("short_id").asText();
        assertThat(cli.run("snapshots").stdout()).contains("complete, under-replicated");

        CliRunner.Result lacking = cli.run("check");
        assertExit(lacking, ExitCodes.DAMAGED_DATA);
        assertThat(lacking.stdout()).contains("rule copies: stored on 1 of 2 providers (\"a\")");
        assertThat(lacking.stdout()).doesNotContain("marked under-replicated");

        Files.delete(packs);
        copyMissing(folder.resolve("a"), folder.resolve("b"));
        CliRunner.Result healed = cli.run("check");
        assertExit(healed, ExitCodes.SUCCESS);
        assertThat(healed.stdout()).contains("snapshot " + id + ": marked under-replicated, but "
                + "every object it references now meets placement; run holdfast repair to "
                + "record that");

        CliRunner.Result repair = cli.run("repair");
        assertExit(repair, ExitCodes.SUCCESS);
        assertThat(repair.stdout()).contains("recorded: snapshot " + id + " now meets placement");
        assertThat(cli.run("snapshots").stdout()).doesNotContain("under-replicated");
        assertThat(cli.run("check").stdout()).doesNotContain("marked under-replicated");
        assertThat(cli.run("repair").stdout()).doesNotContain("recorded:");
        assertExit(cli.run("check", "--read-data", "--provider", "b"), ExitCodes.SUCCESS);
    }

    @Test
    void check_singleProvider_printsNoPlacement() throws Exception {
        initAndBackUp("""
                repository:
                  providers: [local]
                providers:
                  - { name: local, driver: filesystem, path: ./local }
                """ + ThreeFolders.SOURCES);

        CliRunner.Result json = cli.run("check", "--json");
        CliRunner.Result provider = cli.run("check", "--read-data", "--provider", "local");

        assertExit(json, ExitCodes.SUCCESS);
        List<String> keys = new ArrayList<>();
        JSON.readTree(json.stdout()).fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("clean", "snapshots", "trees", "packs", "blobs",
                "packs_read", "blobs_read", "problems");
        assertExit(provider, ExitCodes.SUCCESS);
        assertThat(provider.stdout()).contains("on provider \"local\" (target)");
    }

    private void initAndBackUp(String config) throws IOException {
        Files.writeString(folder.resolve("holdfast.yaml"), config);
        assertExit(cli.run("init"), ExitCodes.SUCCESS);
        assertExit(cli.run("backup"), ExitCodes.SUCCESS);
    }

    /**
     * Copies the objects of {@code from} that {@code to} lacks, locks and temporary files left
     * out, as an operator might by hand. After a failed write, a backup leaves the provider out
     * of later writes for a while, so more than the packs can be missing.
     */
    private static void copyMissing(Path from, Path to) throws IOException {
        for (String key : TestFolders.objectsOf(from).keySet()) {
            Path copy = to.resolve(key);
            if (!Files.exists(copy)) {
                Files.createDirectories(copy.getParent());
                Files.copy(from.resolve(key), copy);
            }
        }
    }

    private static String key(Path root, Path file) {
        return root.relativize(file).toString();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
