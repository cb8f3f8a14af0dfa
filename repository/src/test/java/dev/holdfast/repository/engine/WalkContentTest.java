package dev.holdfast.repository.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.repository.BackupSummary;
import dev.holdfast.repository.EntryType;
import dev.holdfast.repository.Repository;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalkContentTest {
    @TempDir
    Path temp;

    @Test
    void walkContent_everyEntry_givesFileContentOnly() throws Exception {
        Path source = Files.createDirectories(temp.resolve("src/sub"));
        Files.writeString(source.resolve("one.txt"), "first file");
        Files.write(source.getParent().resolve("two.bin"), new byte[100_000]);
        Files.createSymbolicLink(source.resolve("link"), Path.of("one.txt"));
        Map<String, String> visited = new LinkedHashMap<>();
        try (Repository repository = TestRepositories.create(temp.resolve("repo"),
                TestRepositories.SMALL_CHUNKS)) {
            BackupSummary backup = TestRepositories.backup(repository, temp.resolve("src"));

            repository.walkContent(backup.snapshotId(), TestRepositories.bytes("/"),
                    (entry, content) -> visited.put(entry.displayPath(), describe(entry.type(),
                            content)));
        }

        assertThat(visited).containsExactly(Map.entry("/src", "dir"),
                Map.entry("/src/sub", "dir"), Map.entry("/src/sub/link", "symlink"),
                Map.entry("/src/sub/one.txt", "file: first file"),
                Map.entry("/src/two.bin", "file: 100000 bytes"));
    }

    private static String describe(EntryType type, InputStream content) {
        if (content == null) {
            return type.label();
        }
        try (content) {
            byte[] bytes = content.readAllBytes();
            return type.label() + ": " + (bytes.length > 100 ? bytes.length + " bytes"
                    : new String(bytes, StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
