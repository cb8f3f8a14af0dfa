package dev.holdfast.repository.engine;

import static dev.holdfast.repository.engine.TestRepositories.backup;
import static dev.holdfast.repository.engine.TestRepositories.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.repository.BackupSummary;
import dev.holdfast.repository.Entry;
import dev.holdfast.repository.Progress;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.RepositoryException.Reason;
import dev.holdfast.repository.SnapshotInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder deleted after its parent was listed: the backup warns, leaves it out and still
 * saves the snapshot. Only a missing top-level source stops a backup.
 */
class VanishingFolderTest {
    @TempDir
    Path temp;

    @Test
    void deletedFolder_warnedAndSnapshotSaved() throws Exception {
        Path source = temp.resolve("src");
        Files.createDirectories(source.resolve("aaa"));
        Files.createDirectories(source.resolve("victim/inner"));
        Files.write(source.resolve("aaa/kept"), bytes("kept"));
        Files.write(source.resolve("victim/inner/lost"), bytes("lost"));
        Files.write(source.resolve("zzz"), bytes("also kept"));
        Progress deleteAfterListing = new Progress() {
            @Override
            public void folderListed(String path) {
                if (path.equals("/src")) {
                    delete(source.resolve("victim"));
                }
            }
        };

        try (Repository repository = TestRepositories.create(temp.resolve("repo"),
                TestRepositories.SMALL_CHUNKS)) {
            BackupSummary backup = repository.backup(TestRepositories.request(source),
                    deleteAfterListing);

            assertThat(Files.exists(source.resolve("victim"))).isFalse();
            assertThat(backup.warnings()).hasSize(1);
            assertThat(backup.warnings().getFirst().path()).isEqualTo("/src/victim");
            assertThat(backup.warnings().getFirst().reason()).contains("vanished");
            assertThat(backup.partial()).isTrue();
            SnapshotInfo saved = repository.snapshot(backup.snapshotId());
            assertThat(saved.partial()).isTrue();
            assertThat(repository.snapshots()).hasSize(1);
            assertThat(paths(repository, backup.snapshotId()))
                    .containsExactly("/src", "/src/aaa", "/src/aaa/kept", "/src/zzz");
        }
    }

    @Test
    void missingSource_failsBackup() throws Exception {
        Path present = temp.resolve("present");
        Files.createDirectories(present);
        Path missing = temp.resolve("missing");
        try (Repository repository = TestRepositories.create(temp.resolve("repo"),
                TestRepositories.SMALL_CHUNKS)) {
            assertThatThrownBy(() -> backup(repository, present, missing))
                    .isInstanceOf(RepositoryException.class)
                    .hasMessageContaining(missing.toString())
                    .extracting(e -> ((RepositoryException) e).reason())
                    .isEqualTo(Reason.NOT_FOUND);
            assertThat(repository.snapshots()).isEmpty();
        }
    }

    private static void delete(Path folder) {
        try {
            Trees.delete(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> paths(Repository repository, String snapshotId)
            throws RepositoryException {
        List<String> paths = new ArrayList<>();
        repository.walk(snapshotId, bytes("/"), (Entry entry) -> paths.add(entry.displayPath()));
        return paths;
    }
}
