package dev.holdfast.orchestrator.cli;

import static dev.holdfast.orchestrator.cli.TestFolders.anyPack;
import static dev.holdfast.orchestrator.cli.TestFolders.damage;
import static dev.holdfast.orchestrator.cli.TestFolders.empty;
import static dev.holdfast.orchestrator.cli.TestFolders.objectsOf;
import static dev.holdfast.orchestrator.cli.TestFolders.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.storage.s3.S3ProxyExtension;
import dev.holdfast.storage.s3.S3ProxyServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The copy command on a repository that starts on two filesystem providers, "a" and "b", and
 * gains a third: a bucket "offsite" on S3Proxy on a loopback port, or a folder "c".
 */
class CliCopyTest {
    private static final String PASSPHRASE = "copy test passphrase";
    private static final String PREFIX = "repo/";
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final S3ProxyExtension S3_PROXY = new S3ProxyExtension();

    @TempDir
    Path folder;

    private String bucket;
    private Path data;
    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        data = Files.createDirectories(folder.resolve("data"));
        Random random = new Random(3);
        for (int i = 0; i < 5; i++) {
            byte[] bytes = new byte[150_000 + i * 1000];
            random.nextBytes(bytes);
            Files.write(data.resolve("file-" + i), bytes);
        }
        bucket = S3_PROXY.server().createBucket();
        writeConfig("a, b", 2);
        cli = new CliRunner(folder).env("HOLDFAST_PASSPHRASE", PASSPHRASE);
        S3ProxyServer.environment().forEach(cli::env);
        assertExit(cli.run("init"), ExitCodes.SUCCESS);
        assertExit(cli.run("backup"), ExitCodes.SUCCESS);
    }

    @Test
    void copy_newS3Provider_seedsItForRestore() throws Exception {
        Map<String, byte[]> original = objectsOf(folder.resolve("a"));
        writeConfig("a, b, offsite", 3);
        JsonNode missing = JSON.readTree(cli.run("providers", "--json").stdout()).get(2);
        assertThat(missing.get("missing").asInt()).isEqualTo(original.size());

        CliRunner.Result copy = cli.run("copy", "--to", "offsite", "--json");

        assertExit(copy, ExitCodes.SUCCESS);
        JsonNode report = JSON.readTree(copy.stdout());
        assertThat(report.get("copied").asInt()).isEqualTo(original.size());
        assertThat(report.get("skipped").asInt()).isZero();
        assertThat(report.get("failed").size()).isZero();
        assertThat(report.get("complete").asBoolean()).isTrue();
        Map<String, byte[]> seeded = bucketObjects();
        assertThat(seeded.keySet()).isEqualTo(original.keySet());
        for (String key : original.keySet()) {
            assertThat(seeded.get(key)).as(key).isEqualTo(original.get(key));
        }

        empty(folder.resolve("a"));
        assertRestores("without-a");
        empty(folder.resolve("b"));
        assertRestores("only-offsite");
    }

    @Test
    void copy_secondRun_copiesNothing() throws Exception {
        writeConfig("a, b, offsite", 3);
        assertExit(cli.run("copy", "--to", "offsite"), ExitCodes.SUCCESS);
        int objects = objectsOf(folder.resolve("a")).size();

        CliRunner.Result second = cli.run("copy", "--to", "offsite", "--json");

        assertExit(second, ExitCodes.SUCCESS);
        JsonNode report = JSON.readTree(second.stdout());
        assertThat(report.get("copied").asInt()).isZero();
        assertThat(report.get("skipped").asInt()).isEqualTo(objects);
        assertThat(report.get("bytes_skipped").asLong()).isPositive();
        CliRunner.Result text = cli.run("copy", "--to", "offsite");
        assertThat(text.stdout()).containsPattern("(?m)^copied +0 +0 B$")
                .contains("provider \"offsite\" holds all " + objects + " objects: nothing to "
                        + "copy");
    }

    @Test
    void copy_partlySeeded_copiesOnlyMissing() throws Exception {
        writeConfig("a, b, c", 3);
        Path a = folder.resolve("a");
        Path pack = anyPack(a);
        Path copied = folder.resolve("c").resolve(a.relativize(pack));
        Files.createDirectories(copied.getParent());
        Files.copy(pack, copied);
        int objects = objectsOf(a).size();

        CliRunner.Result copy = cli.run("copy", "--to", "c", "--json");

        assertExit(copy, ExitCodes.SUCCESS);
        JsonNode report = JSON.readTree(copy.stdout());
        assertThat(report.get("copied").asInt()).isEqualTo(objects - 1);
        assertThat(report.get("skipped").asInt()).isEqualTo(1);
        assertThat(report.get("bytes_skipped").asLong()).isEqualTo(Files.size(pack));
        assertThat(objectsOf(folder.resolve("c")).keySet()).isEqualTo(objectsOf(a).keySet());
    }

    @Test
    void copy_damagedSourceCopy_warnsAndReadsAnother() throws Exception {
        writeConfig("a, b, c", 3);
        Path pack = anyPack(folder.resolve("a"));
        String key = folder.resolve("a").relativize(pack).toString();
        byte[] sound = Files.readAllBytes(pack);
        byte[] damaged = damage(pack);

        CliRunner.Result copy = cli.run("copy", "--to", "c");

        assertExit(copy, ExitCodes.SUCCESS);
        assertThat(copy.stderr()).contains("warning: " + key + ": damaged copy on provider "
                + "\"a\"");
        assertThat(Files.readAllBytes(folder.resolve("c").resolve(key))).isEqualTo(sound);
        assertThat(Files.readAllBytes(pack)).as("left for repair").isEqualTo(damaged);
    }

    @Test
    void copy_unknownProvider_listsTheRepositorysProviders() {
        CliRunner.Result copy = cli.run("copy", "--to", "nowhere");

        assertExit(copy, ExitCodes.USAGE);
        assertThat(copy.stderr()).contains("unknown provider \"nowhere\" for --to",
                "\"a\", \"b\"");
    }

    @Test
    void copy_providerOutsideTheRepository_namesTheSetting() {
        CliRunner.Result copy = cli.run("copy", "--to", "c");

        assertExit(copy, ExitCodes.USAGE);
        assertThat(copy.stderr()).contains("provider \"c\" for --to is not in "
                + "repository.providers", "\"a\", \"b\"");
        assertThat(folder.resolve("c")).doesNotExist();
    }

    @Test
    void copy_readOnlyProvider_needsAll() throws Exception {
        writeConfig("a, b, c", 2);

        CliRunner.Result refused = cli.run("copy", "--to", "c");

        assertExit(refused, ExitCodes.USAGE);
        assertThat(refused.stderr()).contains("provider \"c\" is read only", "--all");
        assertThat(folder.resolve("c")).doesNotExist();

        assertExit(cli.run("copy", "--to", "c", "--all"), ExitCodes.SUCCESS);
        assertThat(objectsOf(folder.resolve("c")).keySet())
                .isEqualTo(objectsOf(folder.resolve("a")).keySet());
    }

    @Test
    void copy_noSoundCopy_exitsDamagedData() throws Exception {
        writeConfig("a, b, c", 3);
        Path packA = anyPack(folder.resolve("a"));
        String key = folder.resolve("a").relativize(packA).toString();
        damage(packA);
        damage(folder.resolve("b").resolve(key));

        CliRunner.Result copy = cli.run("copy", "--to", "c");

        assertExit(copy, ExitCodes.DAMAGED_DATA);
        assertThat(copy.stdout()).contains("not copied: " + key
                + ": no provider holds a sound copy");
        assertThat(copy.stdout()).containsPattern("(?m)^failed +1 ");
        assertThat(copy.stderr()).contains("1 object could not be copied from any sound copy");
        Map<String, byte[]> seeded = objectsOf(folder.resolve("c"));
        assertThat(seeded).doesNotContainKey(key);
        assertThat(seeded).hasSize(objectsOf(folder.resolve("a")).size() - 1);
    }

    @Test
    void copy_folderOfAnotherRepository_rejected() throws Exception {
        Files.writeString(folder.resolve("other.yaml"), """
                repository:
                  providers: [c]
                providers:
                  - { name: c, driver: filesystem, path: ./c }
                """);
        assertExit(cli.run("--config", "other.yaml", "init"), ExitCodes.SUCCESS);
        byte[] otherConfig = Files.readAllBytes(folder.resolve("c/config"));
        writeConfig("a, b, c", 3);

        CliRunner.Result copy = cli.run("copy", "--to", "c");

        assertExit(copy, ExitCodes.FAILURE);
        assertThat(copy.stderr()).contains("provider \"c\" holds an object \"config\" that is "
                + "the config of repository", "point it at an empty folder or bucket");
        assertThat(Files.readAllBytes(folder.resolve("c/config"))).isEqualTo(otherConfig);
        assertThat(folder.resolve("c/data")).doesNotExist();
    }

    /**
     * Writes the configuration: providers a, b, offsite and c, run by four operators, and the
     * repository on {@code providers} with {@code copies} copies at a write quorum of 2.
     */
    private void writeConfig(String providers, int copies) throws IOException {
        Files.writeString(folder.resolve("holdfast.yaml"), """
                repository:
                  providers: [%s]
                  copies: %d
                  differ-by: [operator]
                  write-quorum: 2
                  chunker: { min: 16KiB, average: 64KiB, max: 256KiB }
                  pack-size: 256KiB
                providers:
                  - { name: a, driver: filesystem, path: ./a, operator: Alpha }
                  - { name: b, driver: filesystem, path: ./b, operator: Bravo }
                  - name: offsite
                    driver: s3
                    endpoint: %s
                    bucket: %s
                    prefix: %s
                    access-key-env: %s
                    secret-key-env: %s
                    operator: Charlie
                    location: SE
                    jurisdiction: [SE]
                  - { name: c, driver: filesystem, path: ./c, operator: Delta }
                sources:
                  - name: sample
                    paths: [data]
                """.formatted(providers, copies, S3_PROXY.server().endpoint(), bucket,
                PREFIX.substring(0, PREFIX.length() - 1), S3ProxyServer.ACCESS_KEY_VARIABLE,
                S3ProxyServer.SECRET_KEY_VARIABLE));
    }

    /** Returns the repository's objects in the bucket by key, locks left out. */
    private Map<String, byte[]> bucketObjects() throws IOException {
        Map<String, byte[]> objects = new TreeMap<>();
        var store = S3_PROXY.server().blobStore();
        for (StorageMetadata metadata : store.list(bucket,
                ListContainerOptions.Builder.recursive())) {
            String name = metadata.getName();
            if (name.endsWith("/") || name.startsWith(PREFIX + "locks/")) {
                continue;
            }
            try (InputStream in = store.getBlob(bucket, name).getPayload().openStream()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                in.transferTo(bytes);
                objects.put(name.substring(PREFIX.length()), bytes.toByteArray());
            }
        }
        return objects;
    }

    private void assertRestores(String target) throws IOException {
        CliRunner.Result restore = cli.run("restore", "latest", "--target", target);

        assertExit(restore, ExitCodes.SUCCESS);
        assertThat(tree(folder.resolve(target).resolve("data"))).isEqualTo(tree(data));
    }

    private static void assertExit(CliRunner.Result result, int expected) {
        assertThat(result.exitCode())
                .as("exit status; stdout: %s; stderr: %s", result.stdout(), result.stderr())
                .isEqualTo(expected);
    }
}
