package dev.holdfast.repository.engine;

import static dev.holdfast.repository.engine.TestRepositories.backup;
import static dev.holdfast.repository.engine.TestRepositories.bytes;
import static dev.holdfast.repository.engine.TestRepositories.create;
import static dev.holdfast.repository.engine.TestRepositories.restore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.repository.BackupSummary;
import dev.holdfast.repository.Entry;
import dev.holdfast.repository.EntryType;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RestoreSummary;
import dev.holdfast.repository.posix.DirHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Zero-byte files have no chunks, so a restore that writes chunk by chunk could skip them. */
class EmptyFilesTest {
    @TempDir
    Path temp;

    @Test
    void zeroByteFiles_restoredWithTheirMetadata() throws Exception {
        Path source = temp.resolve("src");
        Files.createDirectories(source.resolve("only-empty"));
        Files.createDirectories(source.resolve("mixed"));
        Trees.write(source.resolve("only-empty"), "empty", new byte[0]);
        Trees.write(source.resolve("mixed"), "empty", new byte[0]);
        Trees.write(source.resolve("mixed"), "one byte", new byte[] {7});
        Trees.write(source, "top-level empty", new byte[0]);
        stampEmptyFiles(source);
        TreeListing before = TreeListing.of(source);

        try (Repository repository = create(temp.resolve("repo"), TestRepositories.SMALL_CHUNKS)) {
            BackupSummary backup = backup(repository, source);
            assertThat(backup.filesNew()).isEqualTo(4);
            assertThat(fileSizes(repository, backup.snapshotId()))
                    .containsExactly("/src/mixed/empty 0", "/src/mixed/one byte 1",
                            "/src/only-empty/empty 0", "/src/top-level empty 0");

            RestoreSummary restored = restore(repository, backup.snapshotId(),
                    temp.resolve("restore"));

            assertThat(restored.failed()).isEmpty();
            assertThat(restored.files()).isEqualTo(4);
            before.assertRestoredAs(TreeListing.of(temp.resolve("restore/src")));
        }
    }

    /** Gives each empty file its own mode, times and an extended attribute. */
    private static void stampEmptyFiles(Path source) throws Exception {
        try (DirHandle top = Trees.open(source);
                DirHandle only = top.openDir(bytes("only-empty"));
                DirHandle mixed = top.openDir(bytes("mixed"))) {
            Trees.stamp(only, bytes("empty"), 0600, 1_000_000_001L, 123_456_789);
            only.setXattr(bytes("empty"), bytes("user.note"), bytes("empty on purpose"));
            Trees.stamp(mixed, bytes("empty"), 04755, 1_500_000_000L, 1);
            Trees.stamp(top, bytes("top-level empty"), 0444, 86_400L, 999_999_999);
            top.chown(bytes("top-level empty"), 4242, 4343);
            top.chmod(bytes("top-level empty"), 0444);
            Trees.stamp(top, bytes("only-empty"), 0750, 2_000_000_000L, 5);
        }
    }

    private static List<String> fileSizes(Repository repository, String snapshotId)
            throws Exception {
        List<String> sizes = new ArrayList<>();
        repository.walk(snapshotId, bytes("/"), (Entry entry) -> {
            if (entry.type() == EntryType.FILE) {
                sizes.add(entry.displayPath() + " " + entry.size());
            }
        });
        return sizes;
    }
}
