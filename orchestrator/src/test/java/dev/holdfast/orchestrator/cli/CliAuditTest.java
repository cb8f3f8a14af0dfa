package dev.holdfast.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code holdfast audit} lists the trail and states whether it verifies, and check counts a
 * broken trail as damage; append-only providers and key slots make the commands that delete
 * refuse up front with exit status 15.
 */
class CliAuditTest {
    private static final String PASSPHRASE = "audit test passphrase";
    private static final String HOST_PASSPHRASE = "append only host passphrase";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        Path data = Files.createDirectories(folder.resolve("data"));
        Files.writeString(data.resolve("notes.txt"), "remember the milk\n");
        writeConfig(false);
        cli = new CliRunner(folder).env("HOLDFAST_PASSPHRASE", PASSPHRASE);
    }

    private void writeConfig(boolean appendOnly) throws IOException {
        Files.writeString(folder.resolve("holdfast.yaml"), """
                repository:
                  providers: [local]
                providers:
                  - name: local
                    driver: filesystem
                    path: ./repo
                    append-only: %s
                sources:
                  - name: sample
                    paths: [data]
                """.formatted(appendOnly));
    }

    private static void assertStatus(CliRunner.Result result, int status) {
        assertThat(result.exitCode()).as("exit status; stderr: %s", result.stderr())
                .isEqualTo(status);
    }

    private Path entry(int seq) {
        return folder.resolve("repo/audit/" + String.format("%020d", seq));
    }

    @Test
    void audit_listsEntriesAndVerifies() throws Exception {
        assertStatus(cli.run("init", "--label", "first"), ExitCodes.SUCCESS);
        assertStatus(cli.run("backup", "--host", "testhost"), ExitCodes.SUCCESS);

        CliRunner.Result audit = cli.run("audit");

        assertStatus(audit, ExitCodes.SUCCESS);
        assertThat(audit.stdout()).contains("Seq", "Action", "init", "backup", "files=1",
                "the audit trail verifies: 2 entries");
    }

    @Test
    void auditJson_holdsEveryFieldAndNoSecret() throws Exception {
        assertStatus(cli.run("init"), ExitCodes.SUCCESS);
        assertStatus(cli.run("backup"), ExitCodes.SUCCESS);
        cli.env("HOLDFAST_NEW_PASSPHRASE", HOST_PASSPHRASE);
        assertStatus(cli.run("key", "add", "--label", "host", "--append-only"),
                ExitCodes.SUCCESS);

        CliRunner.Result audit = cli.run("audit", "--json");

        assertStatus(audit, ExitCodes.SUCCESS);
        JsonNode view = JSON.readTree(audit.stdout());
        assertThat(view.get("verified").asBoolean()).isTrue();
        JsonNode entries = view.get("entries");
        assertThat(entries.size()).isEqualTo(3);
        JsonNode keyAdd = entries.get(2);
        assertThat(keyAdd.get("seq").asLong()).isEqualTo(3);
        assertThat(keyAdd.get("action").asText()).isEqualTo("key-add");
        assertThat(keyAdd.get("details").get("role").asText()).isEqualTo("append-only");
        assertThat(keyAdd.get("prev").asText()).isEqualTo(entries.get(1).get("sha256").asText());
        assertThat(audit.stdout()).doesNotContain(PASSPHRASE).doesNotContain(HOST_PASSPHRASE);
    }

    @Test
    void removedEntry_auditAndCheckReportDamage() throws Exception {
        assertStatus(cli.run("init"), ExitCodes.SUCCESS);
        assertStatus(cli.run("backup"), ExitCodes.SUCCESS);
        assertStatus(cli.run("backup"), ExitCodes.SUCCESS);
        Files.delete(entry(2));

        CliRunner.Result audit = cli.run("audit");
        CliRunner.Result check = cli.run("check");

        assertStatus(audit, ExitCodes.DAMAGED_DATA);
        assertThat(audit.stdout()).contains("damaged: audit/00000000000000000002",
                "missing");
        assertThat(audit.stderr()).contains("does not verify");
        assertStatus(check, ExitCodes.DAMAGED_DATA);
        assertThat(check.stdout()).contains("audit/00000000000000000002");
    }

    @Test
    void appendOnlyProvider_refusesDeletingCommands() throws Exception {
        assertStatus(cli.run("init"), ExitCodes.SUCCESS);
        cli.env("HOLDFAST_NEW_PASSPHRASE", HOST_PASSPHRASE);
        assertStatus(cli.run("key", "add", "--label", "second"), ExitCodes.SUCCESS);
        String second = JSON.readTree(cli.run("key", "list", "--json").stdout()).findValues("id")
                .stream().map(JsonNode::asText).filter(id -> !isCurrent(id)).findFirst()
                .orElseThrow();
        writeConfig(true);

        assertStatus(cli.run("backup"), ExitCodes.SUCCESS);
        CliRunner.Result remove = cli.run("key", "remove", second);
        CliRunner.Result unlock = cli.run("unlock", "--remove-all");

        assertStatus(remove, ExitCodes.APPEND_ONLY);
        assertThat(remove.stderr()).contains("`holdfast key remove` must delete",
                "provider \"local\" is append-only", "credential for \"local\" can delete")
                .doesNotContain("only objects under");
        assertStatus(unlock, ExitCodes.APPEND_ONLY);
        assertThat(unlock.stderr()).contains("unlock --remove-all");
        assertThat(Files.exists(folder.resolve("repo/keys/" + second))).isTrue();
        assertStatus(cli.run("unlock"), ExitCodes.SUCCESS);
        assertStatus(cli.run("check"), ExitCodes.SUCCESS);
    }

    private boolean isCurrent(String id) {
        JsonNode slots = readJson(cli.run("key", "list", "--json"));
        for (JsonNode slot : slots) {
            if (slot.get("id").asText().equals(id)) {
                return slot.get("current").asBoolean();
            }
        }
        return false;
    }

    private static JsonNode readJson(CliRunner.Result result) {
        try {
            return JSON.readTree(result.stdout());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void appendOnlySlot_refusesDeletingCommands() throws Exception {
        assertStatus(cli.run("init", "--label", "admin"), ExitCodes.SUCCESS);
        cli.env("HOLDFAST_NEW_PASSPHRASE", HOST_PASSPHRASE);
        assertStatus(cli.run("key", "add", "--label", "host", "--append-only"),
                ExitCodes.SUCCESS);
        String admin = readJson(cli.run("key", "list", "--json")).findValues("id").stream()
                .map(JsonNode::asText).filter(this::isCurrent).findFirst().orElseThrow();
        cli.env("HOLDFAST_PASSPHRASE", HOST_PASSPHRASE);

        CliRunner.Result list = cli.run("key", "list");
        assertStatus(cli.run("backup"), ExitCodes.SUCCESS);
        CliRunner.Result remove = cli.run("key", "remove", admin);
        CliRunner.Result addFull = cli.run("key", "add", "--label", "full");
        CliRunner.Result unlock = cli.run("unlock", "--remove-all");

        assertThat(list.stdout()).contains("Role", "append-only", "full");
        for (CliRunner.Result refused : java.util.List.of(remove, addFull, unlock)) {
            assertStatus(refused, ExitCodes.APPEND_ONLY);
            assertThat(refused.stderr()).contains("whose role is append-only",
                    "full key slot");
        }
        assertThat(Files.exists(folder.resolve("repo/keys/" + admin))).isTrue();
        assertStatus(cli.run("key", "add", "--label", "host2", "--append-only"),
                ExitCodes.SUCCESS);
    }
}
