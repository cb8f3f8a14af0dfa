package dev.holdfast.repository.engine;

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
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One file with three names in different folders is read once and restored as one inode. */
class HardLinkTest {
    private static final int SIZE = 300_000;

    @TempDir
    Path temp;

    @Test
    void threeLinks_restoredAsOneInode() throws Exception {
        Path source = temp.resolve("src");
        for (String folder : List.of("a", "b/deeper", "c")) {
            Files.createDirectories(source.resolve(folder));
        }
        Trees.write(source.resolve("a"), "one", Trees.random(6, SIZE));
        Trees.write(source.resolve("c"), "unrelated", bytes("not linked"));
        try (DirHandle top = Trees.open(source); DirHandle a = top.openDir(bytes("a"));
                DirHandle b = top.openDir(bytes("b"));
                DirHandle deeper = b.openDir(bytes("deeper"));
                DirHandle c = top.openDir(bytes("c"))) {
            deeper.link(a, bytes("one"), bytes("two"));
            c.link(a, bytes("one"), bytes("three"));
            Trees.stamp(a, bytes("one"), 0640, 1_111_111_111L, 42);
            Trees.stamp(top, bytes("c"), 0700, 1_222_222_222L, 7);
            Trees.stamp(b, bytes("deeper"), 0755, 1_333_333_333L, 8);
        }
        TreeListing before = TreeListing.of(source);

        try (Repository repository = create(temp.resolve("repo"), TestRepositories.SMALL_CHUNKS)) {
            FinalProgress progress = new FinalProgress();
            BackupSummary backup = repository.backup(TestRepositories.request(source), progress);
            assertThat(backup.bytesRead()).isEqualTo(SIZE + "not linked".length());
            assertThat(backup.filesNew()).isEqualTo(4);
            assertThat(progress.bytesDone()).isEqualTo(3L * SIZE + "not linked".length())
                    .isEqualTo(progress.bytesTotal());
            assertThat(linkCounts(repository, backup.snapshotId())).containsExactly(
                    "/src/a/one 3", "/src/b/deeper/two 3", "/src/c/three 3", "/src/c/unrelated 1");

            RestoreSummary restored = restore(repository, backup.snapshotId(),
                    temp.resolve("restore"));

            assertThat(restored.failed()).isEmpty();
            assertThat(restored.files()).isEqualTo(4);
            TreeListing after = TreeListing.of(temp.resolve("restore/src"));
            before.assertRestoredAs(after);
            assertThat(after.hardLinkGroups())
                    .containsExactly(Set.of("/a/one", "/b/deeper/two", "/c/three"));
            assertThat(after.get("/a/one").links()).isEqualTo(3);
        }
    }

    private static List<String> linkCounts(Repository repository, String snapshotId)
            throws Exception {
        List<String> counts = new ArrayList<>();
        repository.walk(snapshotId, bytes("/"), (Entry entry) -> {
            if (entry.type() == EntryType.FILE) {
                counts.add(entry.displayPath() + " " + entry.links());
            }
        });
        return counts;
    }
}
