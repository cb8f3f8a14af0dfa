package dev.holdfast.orchestrator.cli;

import static dev.holdfast.orchestrator.cli.TestFolders.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.storage.s3.S3ProxyExtension;
import dev.holdfast.storage.s3.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs init, backup, restore and check through the command line against a repository on an
 * s3 provider, served by S3Proxy on a loopback port, with the keys in environment variables.
 */
class CliS3EndToEndTest {
    private static final String PASSPHRASE = "s3 end to end passphrase";
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
        bucket = S3_PROXY.server().createBucket();
        data = Files.createDirectories(folder.resolve("data"));
        Files.writeString(data.resolve("notes.txt"), "remember the milk\n");
        Files.createDirectories(data.resolve("sub"));
        byte[] large = new byte[3 << 20];
        new Random(11).nextBytes(large);
        Files.write(data.resolve("sub/large.bin"), large);
        writeConfig(bucket);
        cli = new CliRunner(folder).env("HOLDFAST_PASSPHRASE", PASSPHRASE);
        S3ProxyServer.environment().forEach(cli::env);
    }

    @Test
    void initBackupRestoreCheck_roundTripOverS3() throws Exception {
        CliRunner.Result init = cli.run("init");
        assertSuccess(init);
        assertThat(init.stdout()).contains("on provider \"offsite\" (bucket \"" + bucket
                + "\" under prefix \"holdfast/e2e/\" at " + S3_PROXY.server().endpoint() + ")");

        assertSuccess(cli.run("backup", "--host", "testhost"));
        JsonNode snapshots = JSON.readTree(cli.run("snapshots", "--json").stdout());
        assertThat(snapshots.size()).isEqualTo(1);

        assertSuccess(cli.run("restore", "latest", "--target", "restored"));
        assertThat(tree(restoredData(folder.resolve("restored")))).isEqualTo(tree(data));

        assertSuccess(cli.run("check", "--read-data"));
        assertThat(objectNames()).isNotEmpty()
                .allMatch(name -> name.startsWith("holdfast/e2e/"))
                .anyMatch(name -> name.equals("holdfast/e2e/config"))
                .noneMatch(name -> name.contains(".holdfast-probe-"));
    }

    @Test
    void wrongSecretKey_failsNamingTheVariable() throws Exception {
        assertSuccess(cli.run("init"));
        cli.env(S3ProxyServer.SECRET_KEY_VARIABLE, "wrong-secret-for-e2e-Qz81");

        CliRunner.Result backup = cli.run("backup");

        assertThat(backup.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(backup.stderr()).contains("provider \"offsite\"", "SignatureDoesNotMatch",
                "environment variable " + S3ProxyServer.SECRET_KEY_VARIABLE);
        assertThat(backup.stderr()).doesNotContain("wrong-secret-for-e2e-Qz81",
                S3ProxyServer.SECRET_KEY);
    }

    @Test
    void missingBucket_failsInitNamingIt() throws Exception {
        writeConfig("no-such-bucket");

        CliRunner.Result init = cli.run("init");

        assertThat(init.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(init.stderr()).contains("bucket \"no-such-bucket\" does not exist at "
                + S3_PROXY.server().endpoint());
    }

    @Test
    void missingKeyVariable_failsBeforeAnyRequest() throws Exception {
        cli.env(S3ProxyServer.ACCESS_KEY_VARIABLE, null);

        CliRunner.Result init = cli.run("init");

        assertThat(init.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(init.stderr()).contains("environment variable "
                + S3ProxyServer.ACCESS_KEY_VARIABLE + " is not set");
    }

    private void writeConfig(String bucketName) throws IOException {
        Files.writeString(folder.resolve("holdfast.yaml"), """
                repository:
                  providers: [offsite]
                  pack-size: 4MiB
                providers:
                  - name: offsite
                    driver: s3
                    endpoint: %s
                    bucket: %s
                    prefix: holdfast/e2e
                    access-key-env: %s
                    secret-key-env: %s
                    part-size: 5MiB
                sources:
                  - name: sample
                    paths: [data]
                """.formatted(S3_PROXY.server().endpoint(), bucketName,
                S3ProxyServer.ACCESS_KEY_VARIABLE, S3ProxyServer.SECRET_KEY_VARIABLE));
    }

    private java.util.List<String> objectNames() {
        return S3_PROXY.server().blobStore()
                .list(bucket, ListContainerOptions.Builder.recursive())
                .stream().map(metadata -> metadata.getName())
                .filter(name -> !name.endsWith("/")).toList();
    }

    /** Returns the restored copy of the data folder, found by the file it contains. */
    private static Path restoredData(Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(target)) {
            return paths.filter(path -> path.getFileName().toString().equals("notes.txt"))
                    .map(Path::getParent).findFirst()
                    .orElseThrow(() -> new AssertionError("nothing restored into " + target));
        }
    }

    private static void assertSuccess(CliRunner.Result result) {
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCodes.SUCCESS);
    }
}
