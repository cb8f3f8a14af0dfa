package dev.holdfast.repository.engine;

import static dev.holdfast.repository.engine.TestRepositories.backup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.repository.Progress;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.RepositoryException.Reason;
import dev.holdfast.repository.RepositoryOptions;
import dev.holdfast.repository.index.IndexRebuilder;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damage to the small objects everything depends on is survived, reported or repaired. */
class RecoveryTest {
    @TempDir
    Path temp;

    private Path source() throws IOException {
        Path source = Files.createDirectories(temp.resolve("src"));
        for (int i = 0; i < 20; i++) {
            Files.write(source.resolve("file-" + i), Trees.random(i, 5000));
        }
        return source;
    }

    private static void flipByte(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long position = raf.length() / 2;
            raf.seek(position);
            int value = raf.read();
            raf.seek(position);
            raf.write(value ^ 0x10);
        }
    }

    private static List<Path> objects(Path folder, String prefix) throws IOException {
        try (Stream<Path> files = Files.walk(folder.resolve(prefix))) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void damagedNewestSnapshotBlocksLatest() throws Exception {
        Path folder = temp.resolve("repo");
        Path source = source();
        String newest;
        try (Repository repository = TestRepositories.create(folder, TestRepositories.SMALL_CHUNKS)) {
            backup(repository, source);
            Thread.sleep(5);
            newest = backup(repository, source).snapshotId();
        }
        flipByte(folder.resolve("snapshots").resolve(newest));
        try (Repository repository = TestRepositories.open(folder)) {
            assertThat(repository.damagedSnapshots()).containsExactly(newest);
            assertThat(repository.snapshots()).hasSize(1);
            assertThatThrownBy(() -> repository.snapshot("latest")).isInstanceOf(RepositoryException.class)
                    .hasMessageContaining(newest).hasMessageContaining("holdfast check")
                    .extracting(e -> ((RepositoryException) e).reason()).isEqualTo(Reason.DAMAGED_DATA);
            assertThatThrownBy(() -> repository.snapshot(newest.substring(0, 8)))
                    .extracting(e -> ((RepositoryException) e).reason()).isEqualTo(Reason.DAMAGED_DATA);
        }
    }

    @Test
    void damagedKeyringAndConfigAreSurvived() throws Exception {
        Path folder = temp.resolve("repo");
        try (Repository repository = TestRepositories.create(folder, TestRepositories.SMALL_CHUNKS)) {
            backup(repository, source());
        }
        List<Path> keyrings = objects(folder, "keyring");
        assertThat(keyrings).hasSize(2);
        flipByte(keyrings.getFirst());
        flipByte(folder.resolve("config"));
        try (Repository repository = TestRepositories.open(folder)) {
            assertThat(repository.snapshots()).hasSize(1);
        }
    }

    @Test
    void rebuildIndexRestoresLostIndex() throws Exception {
        Path folder = temp.resolve("repo");
        Path source = source();
        try (Repository repository = TestRepositories.create(folder, TestRepositories.SMALL_CHUNKS)) {
            backup(repository, source);
        }
        for (Path index : objects(folder, "index")) {
            flipByte(index);
        }
        try (Repository repository = TestRepositories.open(folder)) {
            assertThat(repository.check(false, Progress.NONE).clean()).isFalse();
            IndexRebuilder.Result result = repository.rebuildIndex(Progress.NONE);
            assertThat(result.packsIndexed()).isPositive();
            assertThat(result.removedIndexFiles()).isNotEmpty();
            assertThat(result.unreadablePacks()).isEmpty();
        }
        try (Repository repository = TestRepositories.open(folder)) {
            assertThat(repository.check(true, Progress.NONE).problems()).isEmpty();
            Path target = temp.resolve("restored");
            assertThat(TestRepositories.restore(repository, "latest", target).failed()).isEmpty();
            assertThat(Files.readAllBytes(target.resolve("src/file-7")))
                    .isEqualTo(Files.readAllBytes(source.resolve("file-7")));
        }
    }

    @Test
    void initRejectsNonEmptyLocation() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("data"));
        Files.writeString(folder.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> TestRepositories.create(folder, TestRepositories.SMALL_CHUNKS))
                .isInstanceOf(RepositoryException.class).hasMessageContaining("not empty")
                .hasMessageContaining("notes.txt");
        assertThat(Files.list(folder).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")))
                .containsExactly("notes.txt");
    }

    @Test
    void initRejectsInvalidChunkSizes() {
        RepositoryOptions tiny = new RepositoryOptions(1, 2, 4, 1 << 20, 3,
                TestRepositories.SMALL_CHUNKS.argon2());
        assertThatThrownBy(() -> TestRepositories.create(temp.resolve("repo"), tiny))
                .isInstanceOf(RepositoryException.class).hasMessageContaining("min");
        assertThat(temp.resolve("repo").resolve("config")).doesNotExist();
    }
}
