package dev.holdfast.repository.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.repository.CheckReport;
import dev.holdfast.repository.Entry;
import dev.holdfast.repository.EntryType;
import dev.holdfast.repository.PathNames;
import dev.holdfast.repository.Progress;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RestoreSummary;
import dev.holdfast.repository.SnapshotInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens, lists, restores and checks the repository that format version 1 wrote, which every
 * later version must keep reading. The fixture is copied first, because opening a repository
 * writes a lock.
 */
class FormatV1CompatibilityTest {
    @TempDir
    Path temp;

    @Test
    void formatV1Repository_readAndRestored() throws Exception {
        List<String> expected = Files.readAllLines(FormatV1Fixture.root().resolve("expected.txt"),
                StandardCharsets.UTF_8).stream().filter(line -> !line.startsWith("#")).toList();

        try (Repository repository = FormatV1Fixture.openCopy(temp.resolve("repository"))) {
            List<SnapshotInfo> snapshots = repository.snapshots();
            assertThat(snapshots).hasSize(1);
            String id = snapshots.getFirst().id();
            assertThat(listing(repository, id)).containsExactlyElementsOf(
                    expected.stream().map(FormatV1CompatibilityTest::listed).toList());

            RestoreSummary restored = TestRepositories.restore(repository, id,
                    temp.resolve("restore"));

            assertThat(restored.failed()).isEmpty();
            assertThat(restored.warnings()).isEmpty();
            assertThat(restoredLines(temp.resolve("restore/fixture")))
                    .containsExactlyElementsOf(expected);
            assertThat(Trees.stat(temp.resolve("restore/fixture/sparse")).allocatedBytes())
                    .isLessThan(1 << 20);
            CheckReport check = repository.check(true, Progress.NONE);
            assertThat(check.problems()).isEmpty();
            assertThat(check.blobsRead()).isEqualTo(check.blobs());
        }
    }

    /** Returns what a listing shows of an expected.txt line: path, type, size, mode, target. */
    private static String listed(String line) {
        String[] columns = line.split("\t");
        String size = columns[1].equals("regular") ? columns[2] : "-";
        return String.join("\t", columns[0], columns[1], size, columns[3], columns[7]);
    }

    private static List<String> listing(Repository repository, String id) throws Exception {
        List<String> lines = new ArrayList<>();
        repository.walk(id, TestRepositories.bytes("/"), (Entry entry) -> lines.add(String.join(
                "\t", entry.displayPath(), typeName(entry.type()),
                entry.type() == EntryType.FILE ? Long.toString(entry.size()) : "-",
                entry.type() == EntryType.SYMLINK ? "-" : String.format("%04o", entry.mode()),
                entry.linkTarget() == null ? "-" : PathNames.display(entry.linkTarget()))));
        return lines;
    }

    /** Names the entry types as expected.txt does, after the POSIX layer's file types. */
    private static String typeName(EntryType type) {
        return switch (type) {
            case FILE -> "regular";
            default -> type.name().toLowerCase(Locale.ROOT);
        };
    }

    private static List<String> restoredLines(Path restored) throws Exception {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, TreeListing.Facts> entry : TreeListing.of(restored).entries()
                .entrySet()) {
            lines.add(FormatV1Fixture.line("/fixture" + entry.getKey(), entry.getValue()));
        }
        return lines;
    }
}
