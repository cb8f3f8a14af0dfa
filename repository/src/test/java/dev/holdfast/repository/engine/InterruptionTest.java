package dev.holdfast.repository.engine;

import static dev.holdfast.repository.engine.TestRepositories.backup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.holdfast.repository.Progress;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.RepositoryException.Reason;
import dev.holdfast.repository.RestoreRequest;
import dev.holdfast.repository.SnapshotInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupted backup or restore (Ctrl-C interrupts the command's thread) stops soon, reports
 * the interruption and removes its lock. A restore writes at most 64 files ahead of its walk,
 * so one interrupted after its first file restores far fewer than the 300 files of the source.
 */
class InterruptionTest {
    private static final int FILES = 300;

    @TempDir
    Path temp;

    private Path source;
    private Path folder;
    private Repository repository;
    private String snapshotId;

    @BeforeEach
    void backUp() throws Exception {
        source = Files.createDirectory(temp.resolve("src"));
        for (int i = 0; i < FILES; i++) {
            Path sub = Files.createDirectories(source.resolve("folder-" + i % 3));
            Files.write(sub.resolve("file-" + i), Trees.random(i, 2000));
        }
        folder = temp.resolve("repo");
        repository = TestRepositories.create(folder, TestRepositories.SMALL_CHUNKS);
        snapshotId = backup(repository, source).snapshotId();
    }

    @AfterEach
    void close() {
        repository.close();
    }

    @Test
    void interruptedRestore_stopsSoonAndUnlocks() throws Exception {
        Path target = temp.resolve("restore");
        RestoreRequest request = new RestoreRequest(snapshotId, target, List.of(), false, true);

        RepositoryException error;
        boolean interrupted;
        try {
            error = catchThrowableOfType(RepositoryException.class,
                    () -> repository.restore(request, interruptAfterFirstFile()));
        } finally {
            interrupted = Thread.interrupted();
        }

        assertThat(interrupted).isTrue();
        assertThat(error).isNotNull();
        assertThat(error.reason()).isEqualTo(Reason.INTERRUPTED);
        assertThat(error).hasMessageContaining("restore interrupted");
        assertThat(regularFiles(target)).isBetween(1L, (long) FILES / 2);
        assertThat(folder.resolve("locks")).isEmptyDirectory();
    }

    @Test
    void interruptedBackup_writesNoSnapshotAndUnlocks() throws Exception {
        Thread caller = Thread.currentThread();
        Progress interruptAtFirstFolder = new Progress() {
            @Override
            public void folderListed(String path) {
                caller.interrupt();
            }
        };

        RepositoryException error;
        boolean interrupted;
        try {
            error = catchThrowableOfType(RepositoryException.class, () -> repository.backup(
                    TestRepositories.request(source), interruptAtFirstFolder));
        } finally {
            interrupted = Thread.interrupted();
        }

        assertThat(interrupted).isTrue();
        assertThat(error).isNotNull();
        assertThat(error.reason()).isEqualTo(Reason.INTERRUPTED);
        assertThat(error).hasMessage("backup interrupted, no snapshot was written");
        assertThat(repository.snapshots()).extracting(SnapshotInfo::id).containsExactly(snapshotId);
        assertThat(folder.resolve("locks")).isEmptyDirectory();
    }

    /** Returns progress that interrupts the calling thread once the first file is written. */
    private static Progress interruptAfterFirstFile() {
        Thread caller = Thread.currentThread();
        AtomicBoolean done = new AtomicBoolean();
        return new Progress() {
            @Override
            public void update(long filesDone, long bytesDone, long filesTotal,
                    long bytesTotal) {
                if (filesDone > 0 && done.compareAndSet(false, true)) {
                    caller.interrupt();
                }
            }
        };
    }

    private static long regularFiles(Path folder) throws Exception {
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile).count();
        }
    }
}
