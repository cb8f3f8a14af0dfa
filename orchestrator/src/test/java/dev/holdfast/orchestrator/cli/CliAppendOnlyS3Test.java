package dev.holdfast.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.storage.s3.S3ProxyExtension;
import dev.holdfast.storage.s3.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An s3 provider marked {@code append-only} backs up and records the audit trail, refuses
 * {@code key remove} before deleting anything, and no audit entry contains the passphrase or
 * the provider's secret key.
 */
class CliAppendOnlyS3Test {
    private static final String PASSPHRASE = "append only s3 passphrase";
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final S3ProxyExtension S3_PROXY = new S3ProxyExtension();

    @TempDir
    Path folder;

    private String bucket;
    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        bucket = S3_PROXY.server().createBucket();
        Path data = Files.createDirectories(folder.resolve("data"));
        Files.writeString(data.resolve("notes.txt"), "remember the milk\n");
        cli = new CliRunner(folder).env("HOLDFAST_PASSPHRASE", PASSPHRASE);
        S3ProxyServer.environment().forEach(cli::env);
    }

    private void writeConfig(boolean appendOnly) throws IOException {
        Files.writeString(folder.resolve("holdfast.yaml"), """
                repository:
                  providers: [offsite]
                providers:
                  - name: offsite
                    driver: s3
                    endpoint: %s
                    bucket: %s
                    prefix: holdfast/append
                    access-key-env: %s
                    secret-key-env: %s
                    conditional-create: check-then-put
                    append-only: %s
                sources:
                  - name: sample
                    paths: [data]
                """.formatted(S3_PROXY.server().endpoint(), bucket,
                S3ProxyServer.ACCESS_KEY_VARIABLE, S3ProxyServer.SECRET_KEY_VARIABLE,
                appendOnly));
    }

    private static void assertStatus(CliRunner.Result result, int status) {
        assertThat(result.exitCode()).as("exit status; stderr: %s", result.stderr())
                .isEqualTo(status);
    }

    @Test
    void appendOnlyS3_refusesKeyRemove() throws Exception {
        writeConfig(false);
        assertStatus(cli.run("init"), ExitCodes.SUCCESS);
        cli.env("HOLDFAST_NEW_PASSPHRASE", "second passphrase for s3");
        assertStatus(cli.run("key", "add", "--label", "second"), ExitCodes.SUCCESS);
        String second = null;
        for (JsonNode slot : JSON.readTree(cli.run("key", "list", "--json").stdout())) {
            if (!slot.get("current").asBoolean()) {
                second = slot.get("id").asText();
            }
        }
        writeConfig(true);

        assertStatus(cli.run("backup"), ExitCodes.SUCCESS);
        CliRunner.Result remove = cli.run("key", "remove", second);
        CliRunner.Result audit = cli.run("audit", "--json");

        assertStatus(remove, ExitCodes.APPEND_ONLY);
        assertThat(remove.stderr()).contains("provider \"offsite\" is append-only");
        assertThat(objectNames()).contains("holdfast/append/keys/" + second);
        assertStatus(audit, ExitCodes.SUCCESS);
        JsonNode entries = JSON.readTree(audit.stdout()).get("entries");
        assertThat(entries).extracting(e -> e.get("action").asText())
                .containsExactly("init", "key-add", "backup");
        assertThat(audit.stdout()).doesNotContain(PASSPHRASE, "second passphrase for s3",
                S3ProxyServer.SECRET_KEY);
        assertThat(objectNames()).noneMatch(name -> name.startsWith("holdfast/append/locks/"));
    }

    private java.util.List<String> objectNames() {
        return S3_PROXY.server().blobStore()
                .list(bucket, ListContainerOptions.Builder.recursive().prefix("holdfast/"))
                .stream().map(metadata -> metadata.getName())
                .filter(name -> !name.endsWith("/")).toList();
    }
}
