package dev.holdfast.orchestrator.cli;

import static dev.holdfast.orchestrator.cli.TestFolders.anyPack;
import static dev.holdfast.orchestrator.cli.TestFolders.damage;
import static dev.holdfast.orchestrator.cli.TestFolders.empty;
import static dev.holdfast.orchestrator.cli.TestFolders.objectsOf;
import static dev.holdfast.orchestrator.cli.ThreeFolders.assertExit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The providers and repair commands on a repository kept on three filesystem providers, each
 * of which placement assigns every object to.
 */
class CliRepairTest {
    private static final String PASSPHRASE = "repair test passphrase";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        ThreeFolders.writeData(folder);
        Files.writeString(folder.resolve("holdfast.yaml"), ThreeFolders.CONFIG);
        cli = new CliRunner(folder).env("HOLDFAST_PASSPHRASE", PASSPHRASE);
        assertExit(cli.run("init"), ExitCodes.SUCCESS);
        assertExit(cli.run("backup"), ExitCodes.SUCCESS);
    }

    @Test
    void providers_allInPlace_reportsNothingMissing() throws Exception {
        CliRunner.Result result = cli.run("providers", "--json");

        assertExit(result, ExitCodes.SUCCESS);
        JsonNode statuses = JSON.readTree(result.stdout());
        assertThat(statuses.size()).isEqualTo(3);
        long objects = objectsOf(folder.resolve("a")).size();
        for (JsonNode status : statuses) {
            assertThat(status.get("reachable").asBoolean()).isTrue();
            assertThat(status.get("target").asBoolean()).isTrue();
            assertThat(status.get("objects").asLong()).isEqualTo(objects);
            assertThat(status.get("missing").asInt()).isZero();
            assertThat(status.get("extra").asInt()).isZero();
            assertThat(status.get("latency_ms").isNumber()).isTrue();
        }
    }

    @Test
    void repair_emptiedProvider_restoresEveryObject() throws Exception {
        Map<String, byte[]> before = objectsOf(folder.resolve("b"));
        empty(folder.resolve("b"));

        CliRunner.Result survey = cli.run("providers", "--json");
        assertExit(survey, ExitCodes.DAMAGED_DATA);
        JsonNode emptied = JSON.readTree(survey.stdout()).get(1);
        assertThat(emptied.get("provider").asText()).isEqualTo("b");
        assertThat(emptied.get("missing").asInt()).isEqualTo(before.size());

        CliRunner.Result repair = cli.run("repair", "--json");
        assertExit(repair, ExitCodes.SUCCESS);
        JsonNode report = JSON.readTree(repair.stdout());
        assertThat(report.get("providers").get(1).get("copied").asInt())
                .isEqualTo(before.size());
        assertThat(report.get("providers").get(0).get("copied").asInt()).isZero();

        Map<String, byte[]> after = objectsOf(folder.resolve("b"));
        assertThat(after.keySet()).isEqualTo(before.keySet());
        for (String key : before.keySet()) {
            assertThat(after.get(key)).as(key).isEqualTo(before.get(key));
        }
        CliRunner.Result table = cli.run("providers");
        assertExit(table, ExitCodes.SUCCESS);
        assertThat(table.stdout()).containsPattern("(?m)^Provider +Role +Status +Latency");
        assertThat(table.stdout()).containsPattern("(?m)^b +target +ok ");
        assertExit(cli.run("check", "--read-data"), ExitCodes.SUCCESS);
    }

    @Test
    void repair_corruptedPack_detectedAndReplaced() throws Exception {
        Path pack = anyPack(folder.resolve("c"));
        String key = folder.resolve("c").relativize(pack).toString();
        byte[] sound = Files.readAllBytes(pack);
        damage(pack);

        CliRunner.Result survey = cli.run("providers", "--read-data", "--json");
        assertExit(survey, ExitCodes.DAMAGED_DATA);
        JsonNode statuses = JSON.readTree(survey.stdout());
        assertThat(statuses.get(2).get("damaged").asInt()).isEqualTo(1);
        assertThat(statuses.get(0).get("damaged").asInt()).isZero();

        CliRunner.Result repair = cli.run("repair");
        assertExit(repair, ExitCodes.SUCCESS);
        assertThat(repair.stdout()).contains("replaced provider \"c\": damaged copy of \""
                + key + "\"");
        assertThat(Files.readAllBytes(pack)).isEqualTo(sound);
        assertThat(Files.readAllBytes(folder.resolve("a").resolve(key))).isEqualTo(sound);
    }

    @Test
    void repair_secondRun_copiesNothing() throws Exception {
        empty(folder.resolve("a"));
        Path pack = anyPack(folder.resolve("c"));
        Files.write(pack, new byte[] {1, 2, 3});
        assertExit(cli.run("repair"), ExitCodes.SUCCESS);

        CliRunner.Result second = cli.run("repair", "--json");

        assertExit(second, ExitCodes.SUCCESS);
        JsonNode report = JSON.readTree(second.stdout());
        for (JsonNode provider : report.get("providers")) {
            assertThat(provider.get("copied").asInt()).as(provider.toString()).isZero();
        }
        assertThat(report.get("replaced").size()).isZero();
        assertThat(cli.run("repair").stdout()).contains("placement holds, nothing to repair");
    }

    @Test
    void repair_everyCopyDamaged_deletesNothing() throws Exception {
        Path packA = anyPack(folder.resolve("a"));
        String key = folder.resolve("a").relativize(packA).toString();
        for (String provider : new String[] {"a", "b", "c"}) {
            Path pack = folder.resolve(provider).resolve(key);
            byte[] bytes = Files.readAllBytes(pack);
            bytes[0] ^= 0x01;
            Files.write(pack, bytes);
        }

        CliRunner.Result repair = cli.run("repair");

        assertExit(repair, ExitCodes.DAMAGED_DATA);
        assertThat(repair.stdout()).contains("not repaired: " + key
                + ": no provider holds a sound copy");
        for (String provider : new String[] {"a", "b", "c"}) {
            assertThat(folder.resolve(provider).resolve(key)).exists();
        }
    }

    /**
     * A provider whose folder is gone, as on an unmounted volume, is down rather than fatal:
     * restore reads the other copies, backup completes at the write quorum, and repair heals
     * the provider once its folder is back.
     */
    @Test
    void missingProviderFolder_treatedAsDown() throws Exception {
        Path down = folder.resolve("a-unmounted");
        Files.move(folder.resolve("a"), down);

        CliRunner.Result restore = cli.run("restore", "latest", "--target", "restored");
        assertExit(restore, ExitCodes.SUCCESS);
        assertThat(restore.stderr()).contains("provider \"a\" could not be opened");
        assertThat(TestFolders.tree(folder.resolve("restored/data")))
                .isEqualTo(TestFolders.tree(folder.resolve("data")));

        Files.writeString(folder.resolve("data/file-new"), "written while a was down");
        assertExit(cli.run("backup"), ExitCodes.SUCCESS);
        assertThat(folder.resolve("a")).doesNotExist();
        assertThat(cli.run("snapshots").stdout()).contains("under-replicated");

        Files.move(down, folder.resolve("a"));
        assertExit(cli.run("repair"), ExitCodes.SUCCESS);
        assertExit(cli.run("check"), ExitCodes.SUCCESS);
        assertThat(cli.run("snapshots").stdout()).doesNotContain("under-replicated");
    }

    @Test
    void everyProviderFolderMissing_repositoryNotFound() throws Exception {
        for (String provider : new String[] {"a", "b", "c"}) {
            Files.move(folder.resolve(provider), folder.resolve(provider + "-unmounted"));
        }

        CliRunner.Result result = cli.run("snapshots");

        assertExit(result, ExitCodes.REPOSITORY_NOT_FOUND);
        assertThat(result.stderr()).contains("\"a\"");
    }

    /**
     * The repository ID in the config object is readable without a key, so a flipped byte that
     * leaves it hexadecimal passes its structure check. The key slots name the real ID, and a
     * copy that agrees with them is read from the provider that still has one.
     */
    @Test
    void open_damagedConfigId_readsSoundCopy() throws Exception {
        for (String provider : new String[] {"a", "b"}) {
            for (String key : new String[] {"config", "config-copy"}) {
                Path file = folder.resolve(provider).resolve(key);
                byte[] bytes = Files.readAllBytes(file);
                // Byte 7 is the first character of the ID: one hex digit becomes another.
                bytes[7] = (byte) (bytes[7] == 'a' ? 'b' : 'a');
                Files.write(file, bytes);
            }
        }

        CliRunner.Result restore = cli.run("restore", "latest", "--target", "restored");

        assertExit(restore, ExitCodes.SUCCESS);
        assertThat(TestFolders.tree(folder.resolve("restored/data")))
                .isEqualTo(TestFolders.tree(folder.resolve("data")));
        CliRunner.Result scrub = cli.run("check", "--read-data", "--provider", "a");
        assertExit(scrub, ExitCodes.DAMAGED_DATA);
        assertThat(scrub.stdout()).contains("config");
        assertExit(cli.run("repair"), ExitCodes.SUCCESS);
        assertExit(cli.run("check", "--read-data", "--provider", "a"), ExitCodes.SUCCESS);
    }
}
