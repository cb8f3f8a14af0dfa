package dev.holdfast.repository.engine;

import static dev.holdfast.repository.engine.TestRepositories.backup;
import static dev.holdfast.repository.engine.TestRepositories.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.repository.BackupSummary;
import dev.holdfast.repository.CheckReport;
import dev.holdfast.repository.CheckReport.Problem;
import dev.holdfast.repository.Progress;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.RepositoryException.Reason;
import dev.holdfast.repository.RestoreSummary;
import dev.holdfast.repository.index.IndexEntry;
import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.repository.pack.BlobType;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One flipped byte in any stored object is found and named, a restore goes on past a damaged
 * pack, and the key errors are distinct. Each file of the source is smaller than the minimum
 * chunk, so it is exactly one blob and a damaged blob damages exactly one file.
 */
class DamageDetectionTest {
    private static final int FILES = 120;

    @TempDir
    Path temp;

    private Path folder;
    private Path source;
    private String snapshotId;
    private Map<String, List<IndexEntry>> dataPacks;
    private List<IndexEntry> trees;

    @BeforeEach
    void backUp() throws Exception {
        source = Files.createDirectory(temp.resolve("src"));
        for (int i = 0; i < FILES; i++) {
            Path sub = Files.createDirectories(source.resolve("folder-" + i % 4));
            Files.write(sub.resolve("file-" + i), Trees.random(i, 3000));
        }
        folder = temp.resolve("repo");
        try (Repository repository = TestRepositories.create(folder,
                TestRepositories.SMALL_CHUNKS)) {
            BackupSummary backup = backup(repository, source);
            snapshotId = backup.snapshotId();
            dataPacks = TestRepositories.entries(repository, BlobType.DATA).stream()
                    .collect(Collectors.groupingBy(IndexEntry::packName));
            trees = TestRepositories.entries(repository, BlobType.TREE);
        }
        assertThat(dataPacks).hasSizeGreaterThan(1);
    }

    @Test
    void dataPackFlip_foundByDataCheck() throws Exception {
        String pack = dataPacks.keySet().iterator().next();
        IndexEntry blob = dataPacks.get(pack).getFirst();
        flipByte(ObjectKind.PACK.key(pack), blob.blob().offset() + 10);

        assertThat(check(true)).extracting(Problem::object).contains(ObjectKind.PACK.key(pack));
    }

    @Test
    void treePackFlip_foundByCheck() throws Exception {
        IndexEntry tree = trees.getFirst();
        String key = ObjectKind.PACK.key(tree.packName());
        flipByte(key, tree.blob().offset() + 10);

        assertThat(check(false)).extracting(Problem::object).contains(key);
    }

    @Test
    void indexFlip_foundByCheck() throws Exception {
        String key = onlyKey("index");
        flipByte(key, Files.size(folder.resolve(key)) / 2);

        assertThat(check(false)).extracting(Problem::object).contains(key);
    }

    @Test
    void snapshotFlip_foundByCheck() throws Exception {
        String key = ObjectKind.SNAPSHOT.key(snapshotId);
        flipByte(key, Files.size(folder.resolve(key)) / 2);

        assertThat(check(false)).extracting(Problem::object).containsExactly(key);
    }

    @Test
    void damagedDataPack_otherFilesRestored() throws Exception {
        String pack = dataPacks.keySet().iterator().next();
        for (IndexEntry blob : dataPacks.get(pack)) {
            flipByte(ObjectKind.PACK.key(pack), blob.blob().offset() + 10);
        }
        try (Repository repository = TestRepositories.open(folder)) {
            RestoreSummary restored = TestRepositories.restore(repository, snapshotId,
                    temp.resolve("restore"));

            assertThat(restored.failed()).hasSize(dataPacks.get(pack).size());
            assertThat(restored.damaged()).isEqualTo(restored.failed().size());
            assertThat(restored.files()).isEqualTo(FILES - restored.failed().size());
            assertThat(restored.bytes()).isEqualTo(3000L * restored.files());
            List<String> unreadable = unreadableFiles(repository);
            assertThat(restored.failed()).allMatch(failure -> failure.contains(pack));
            assertThat(restored.failed().stream().map(f -> f.substring(0, f.indexOf(": "))))
                    .containsExactlyInAnyOrderElementsOf(unreadable);
            for (int i = 0; i < FILES; i++) {
                String path = "/src/folder-" + i % 4 + "/file-" + i;
                Path copy = temp.resolve("restore" + path);
                if (unreadable.contains(path)) {
                    assertThat(copy).doesNotExist();
                } else {
                    assertThat(copy).hasBinaryContent(Trees.random(i, 3000));
                }
            }
        }
    }

    @Test
    void damagedTree_otherFoldersRestored() throws Exception {
        // A folder of files has the largest tree; the root and /src list one or four folders.
        IndexEntry leaf = trees.stream()
                .max(Comparator.comparingInt(entry -> entry.blob().plainLength())).orElseThrow();
        flipByte(ObjectKind.PACK.key(leaf.packName()), leaf.blob().offset() + 10);
        try (Repository repository = TestRepositories.open(folder)) {
            RestoreSummary restored = TestRepositories.restore(repository, snapshotId,
                    temp.resolve("restore"));

            assertThat(restored.failed()).singleElement().asString()
                    .startsWith("/src/folder-").contains(leaf.blob().id().hex());
            assertThat(restored.damaged()).isEqualTo(1);
            assertThat(restored.files()).isEqualTo(FILES - FILES / 4);
        }
    }

    @Test
    void wrongPassphrase_rejected() throws Exception {
        assertThatThrownBy(() -> Repository.open(TestRepositories.provider(folder),
                "not the passphrase".toCharArray()))
                .isInstanceOf(RepositoryException.class)
                .extracting(e -> ((RepositoryException) e).reason())
                .isEqualTo(Reason.WRONG_PASSPHRASE);
    }

    @Test
    void damagedKeySlot_rejected() throws Exception {
        String key = onlyKey("keys");
        flipByte(key, Files.size(folder.resolve(key)) / 2);

        assertThatThrownBy(() -> TestRepositories.open(folder))
                .isInstanceOf(RepositoryException.class)
                .extracting(e -> ((RepositoryException) e).reason())
                .isEqualTo(Reason.DAMAGED_KEY);
    }

    @Test
    void missingRepository_notFound() throws Exception {
        Path empty = Files.createDirectory(temp.resolve("empty"));

        assertThatThrownBy(() -> TestRepositories.open(empty))
                .isInstanceOf(RepositoryException.class)
                .hasMessageContaining("holdfast init")
                .extracting(e -> ((RepositoryException) e).reason())
                .isEqualTo(Reason.NOT_FOUND);
    }

    private List<Problem> check(boolean readData) throws Exception {
        try (Repository repository = TestRepositories.open(folder)) {
            CheckReport report = repository.check(readData, Progress.NONE);
            return report.problems();
        }
    }

    /** Returns the files whose content cannot be read back, which the restore must list. */
    private List<String> unreadableFiles(Repository repository) throws RepositoryException {
        List<String> unreadable = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            String path = "/src/folder-" + i % 4 + "/file-" + i;
            try (InputStream content = repository.openFile(snapshotId, bytes(path))) {
                content.readAllBytes();
            } catch (IOException e) {
                unreadable.add(path);
            }
        }
        return unreadable;
    }

    private String onlyKey(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(folder.resolve(prefix))) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1);
            return prefix + "/" + all.getFirst().getFileName();
        }
    }

    private void flipByte(String key, long offset) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(folder.resolve(key).toFile(), "rw")) {
            file.seek(offset);
            int value = file.read();
            file.seek(offset);
            file.write(value ^ 0x01);
        }
    }
}
