package dev.holdfast.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.repository.BackupSummary;
import dev.holdfast.repository.Entry;
import dev.holdfast.repository.EntryType;
import dev.holdfast.repository.SnapshotInfo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrinterTest {
    private static final SnapshotInfo SNAPSHOT = new SnapshotInfo(
            "0123456789abcdef0123456789abcdef", Instant.parse("2025-01-02T03:04:05Z"), "laptop",
            List.of("/home/alice"), List.of("daily"), null, 12, 3456, false);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void jsonMode_printsEachValueAsOneLine() throws Exception {
        Printer printer = printer(Printer.Level.NORMAL, true);

        printer.json(List.of(JsonViews.snapshot(SNAPSHOT)));
        printer.json(JsonViews.snapshot(SNAPSHOT));

        List<String> lines = stdout().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode array = new ObjectMapper().readTree(lines.get(0));
        assertThat(array.isArray()).isTrue();
        assertThat(array.get(0)).isEqualTo(new ObjectMapper().readTree(lines.get(1)));
    }

    @Test
    void snapshotJson_hasTheDocumentedKeys() throws Exception {
        JsonNode snapshot = printAndParse(JsonViews.snapshot(SNAPSHOT));

        assertThat(fieldNames(snapshot)).containsExactly("id", "short_id", "time", "host",
                "paths", "tags", "parent", "files", "bytes", "partial", "under_replicated");
        assertThat(snapshot.get("short_id").asText()).isEqualTo("01234567");
        assertThat(snapshot.get("time").asText()).isEqualTo("2025-01-02T03:04:05Z");
        assertThat(snapshot.get("parent").isNull()).isTrue();
        assertThat(snapshot.get("bytes").asLong()).isEqualTo(3456);
    }

    @Test
    void entryJson_showsRawNamesReversibly() throws Exception {
        byte[] path = {'/', 'a', (byte) 0xff, '\\'};
        Entry entry = new Entry(path, EntryType.FILE, 0644, 5,
                Instant.parse("2025-01-02T03:04:05.123456789Z"), 1000, 1000, "alice", null, null,
                1);

        JsonNode json = printAndParse(JsonViews.entry(entry));

        assertThat(fieldNames(json)).containsExactly("path", "type", "mode", "permissions",
                "size", "modified", "uid", "gid", "user", "group", "link_target", "links");
        assertThat(json.get("path").asText()).isEqualTo("/a\\xff\\x5c");
        assertThat(json.get("type").asText()).isEqualTo("file");
        assertThat(json.get("mode").asInt()).isEqualTo(0644);
        assertThat(json.get("permissions").asText()).isEqualTo("-rw-r--r--");
        assertThat(json.get("modified").asText()).isEqualTo("2025-01-02T03:04:05.123456789Z");
    }

    @Test
    void backupJson_listsPartialFiles() throws Exception {
        BackupSummary summary = new BackupSummary("ab".repeat(16), 1, 2, 3, 4, 500, 300, 6,
                List.of("/x/changing.log"),
                List.of(new BackupSummary.Warning("/x/a: b", "not readable: permission denied")),
                Duration.ofMillis(1500));

        JsonNode json = printAndParse(JsonViews.backup(summary));

        assertThat(fieldNames(json)).containsExactly("snapshot_id", "files_new",
                "files_changed", "files_unchanged", "directories", "bytes_read", "bytes_added",
                "blobs_added", "duration_seconds", "partial", "under_replicated",
                "changed_while_read", "warnings");
        assertThat(json.get("partial").asBoolean()).isTrue();
        assertThat(json.get("duration_seconds").asDouble()).isEqualTo(1.5);
        assertThat(json.get("changed_while_read").get(0).asText()).isEqualTo("/x/changing.log");
        JsonNode warning = json.get("warnings").get(0);
        assertThat(fieldNames(warning)).containsExactly("path", "reason");
        assertThat(warning.get("path").asText()).isEqualTo("/x/a: b");
        assertThat(warning.get("reason").asText()).isEqualTo("not readable: permission denied");
    }

    @Test
    void jsonMode_leavesOutInformationalLines() {
        Printer printer = printer(Printer.Level.NORMAL, true);

        printer.info("snapshot saved");
        printer.detail("detail");

        assertThat(stdout()).isEmpty();
    }

    @Test
    void quietMode_printsResultsAndErrorsOnly() {
        Printer printer = printer(Printer.Level.QUIET, false);

        printer.info("summary");
        printer.warning("file vanished");
        printer.result("/a/b");
        printer.error("failed");

        assertThat(stdout()).isEqualTo("/a/b\n");
        assertThat(stderr()).isEqualTo("holdfast: failed\n");
    }

    @Test
    void normalMode_sendsWarningsToStandardError() {
        Printer printer = printer(Printer.Level.NORMAL, false);

        printer.info("summary");
        printer.detail("detail");
        printer.warning("file vanished");

        assertThat(stdout()).isEqualTo("summary\n");
        assertThat(stderr()).isEqualTo("warning: file vanished\n");
    }

    @Test
    void verboseMode_printsDetails() {
        Printer printer = printer(Printer.Level.VERBOSE, false);

        printer.detail("detail");

        assertThat(stdout()).isEqualTo("detail\n");
    }

    @Test
    void warning_clearsTheProgressLineFirst() {
        Printer printer = printer(Printer.Level.NORMAL, false);

        printer.status("[0:01] 3 files");
        printer.warning("file vanished");

        assertThat(stderr())
                .isEqualTo("\r[0:01] 3 files\u001b[K\r\u001b[Kwarning: file vanished\n");
    }

    private JsonNode printAndParse(Object value) throws Exception {
        printer(Printer.Level.NORMAL, true).json(value);
        return new ObjectMapper().readTree(stdout());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private Printer printer(Printer.Level level, boolean json) {
        return new Printer(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), level, json);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
