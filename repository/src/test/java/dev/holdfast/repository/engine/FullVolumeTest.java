package dev.holdfast.repository.engine;

import static dev.holdfast.repository.engine.TestRepositories.backup;
import static dev.holdfast.repository.engine.TestRepositories.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.repository.BackupSummary;
import dev.holdfast.repository.Progress;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.RestoreRequest;
import dev.holdfast.repository.RestoreSummary;
import dev.holdfast.repository.posix.FileType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A volume filled to capacity restores into an empty volume of the same size. A volume that is
 * too small is rejected before anything is written, and a real "disk full" stops the restore
 * with every incomplete file listed and none left under its own name.
 */
class FullVolumeTest {
    private static final long VOLUME = 8L << 20;

    @TempDir
    Path temp;

    private TmpfsVolume full;
    private Repository repository;
    private BackupSummary backup;
    private TreeListing source;

    @BeforeEach
    void backUpFullVolume() throws Exception {
        full = TmpfsVolume.mount(temp.resolve("full"), "8m");
        fill(full.folder());
        source = TreeListing.of(full.folder());
        repository = create(temp.resolve("repo"), TestRepositories.SMALL_CHUNKS);
        backup = backup(repository, full.folder());
        assertThat(backup.warnings()).isEmpty();
    }

    @AfterEach
    void unmount() throws Exception {
        if (repository != null) {
            repository.close();
        }
        if (full != null) {
            full.close();
        }
    }

    @Test
    void fullVolume_fitsSameSizeVolume() throws Exception {
        try (TmpfsVolume same = TmpfsVolume.mount(temp.resolve("same"), "8m")) {
            RestoreSummary restored = restore(same, false);

            assertThat(restored.failed()).isEmpty();
            source.assertRestoredAs(TreeListing.of(same.folder().resolve("full")));
        }
    }

    @Test
    void tooSmallVolume_rejectedBeforeWriting() throws Exception {
        try (TmpfsVolume small = TmpfsVolume.mount(temp.resolve("small"), "4m")) {
            assertThatThrownBy(() -> restore(small, false))
                    .isInstanceOf(RepositoryException.class)
                    .hasMessageContaining("has " + (4L << 20) + " bytes free")
                    .hasMessageContaining("needs " + fileBytes());
            try (var entries = Files.list(small.folder())) {
                assertThat(entries).isEmpty();
            }
        }
    }

    @Test
    void diskFull_listsIncompleteFiles() throws Exception {
        try (TmpfsVolume small = TmpfsVolume.mount(temp.resolve("small"), "4m")) {
            RestoreSummary restored = restore(small, true);

            assertThat(restored.failed()).isNotEmpty()
                    .anyMatch(failure -> failure.contains("No space left on device"))
                    .allMatch(failure -> failure.contains("No space left on device")
                            || failure.contains("the target is full"));
            TreeListing after = TreeListing.of(small.folder().resolve("full"));
            for (Map.Entry<String, TreeListing.Facts> entry : source.entries().entrySet()) {
                if (entry.getValue().type() != FileType.REGULAR) {
                    continue;
                }
                TreeListing.Facts copy = after.get(entry.getKey());
                if (copy == null) {
                    assertThat(restored.failed()).anyMatch(f -> f.startsWith("/full"
                            + entry.getKey() + ": "));
                } else {
                    assertThat(copy.sha256()).as(entry.getKey())
                            .isEqualTo(entry.getValue().sha256());
                }
            }
            assertThat(after.entries().keySet()).noneMatch(path -> path.contains(".holdfast-"));
            assertThat(restored.files() + restored.failed().size()).isEqualTo(files());
        }
    }

    /** Writes 1 MiB files, then smaller ones, until the volume refuses more data. */
    private static void fill(Path volume) throws IOException {
        Path folder = Files.createDirectory(volume.resolve("data"));
        int size = 1 << 20;
        for (int i = 0; size >= 512; i++) {
            byte[] content = Trees.random(i, size);
            try (OutputStream out = Files.newOutputStream(folder.resolve("file-" + i))) {
                out.write(content);
            } catch (IOException e) {
                size /= 2;
            }
        }
    }

    private RestoreSummary restore(TmpfsVolume target, boolean overwrite)
            throws RepositoryException {
        return repository.restore(new RestoreRequest(backup.snapshotId(), target.folder(),
                List.of(), overwrite, true), Progress.NONE);
    }

    private long fileBytes() {
        return source.entries().values().stream().filter(f -> f.type() == FileType.REGULAR)
                .mapToLong(TreeListing.Facts::size).sum();
    }

    private long files() {
        return source.entries().values().stream().filter(f -> f.type() == FileType.REGULAR)
                .count();
    }
}
