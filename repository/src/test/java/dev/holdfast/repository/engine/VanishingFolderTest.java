package dev.holdfast.repository.engine;

import static dev.holdfast.repository.engine.TestRepositories.backup;
import static dev.holdfast.repository.engine.TestRepositories.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.repository.BackupSummary;
import dev.holdfast.repository.Entry;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.RepositoryException.Reason;
import dev.holdfast.repository.SnapshotInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
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

    /**
     * The deletion happens between the listing of {@code src} and the visit of {@code victim}.
     * With a parent snapshot, the backup reads each folder's previous tree before listing the
     * folder, through the provider, on the walking thread. The folder {@code aaa} sorts before
     * {@code victim}, so the first tree read after {@code src} was listed (which moves its
     * access time off the epoch) is the one for {@code aaa}, and it deletes {@code victim}.
     */
    @Test
    void deletedFolder_warnedAndSnapshotSaved() throws Exception {
        Path source = temp.resolve("src");
        Files.createDirectories(source.resolve("aaa"));
        Files.createDirectories(source.resolve("victim/inner"));
        Files.write(source.resolve("aaa/kept"), bytes("kept"));
        Files.write(source.resolve("victim/inner/lost"), bytes("lost"));
        Files.write(source.resolve("zzz"), bytes("also kept"));
        HookedProvider provider = new HookedProvider(TestRepositories.provider(
                temp.resolve("repo")), "data/");
        try (Repository repository = Repository.init(provider, TestRepositories.passphrase(),
                TestRepositories.SMALL_CHUNKS, "test")) {
            backup(repository, source);
        }
        view(source).setTimes(null, FileTime.fromMillis(0), null);
        provider.beforeGet(() -> deleteOnceListed(source, source.resolve("victim")));

        try (Repository repository = TestRepositories.open(provider)) {
            BackupSummary backup = backup(repository, source);

            assertThat(Files.exists(source.resolve("victim"))).isFalse();
            assertThat(backup.warnings()).singleElement().asString()
                    .startsWith("/src/victim: ").contains("vanished");
            assertThat(backup.partial()).isTrue();
            SnapshotInfo saved = repository.snapshot(backup.snapshotId());
            assertThat(saved.partial()).isTrue();
            assertThat(repository.snapshots()).hasSize(2);
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

    private static void deleteOnceListed(Path source, Path victim) {
        try {
            FileTime accessed = view(source).readAttributes().lastAccessTime();
            if (accessed.toMillis() != 0 && Files.exists(victim, LinkOption.NOFOLLOW_LINKS)) {
                Trees.delete(victim);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BasicFileAttributeView view(Path path) {
        return Files.getFileAttributeView(path, BasicFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
    }

    private static List<String> paths(Repository repository, String snapshotId)
            throws RepositoryException {
        List<String> paths = new ArrayList<>();
        repository.walk(snapshotId, bytes("/"), (Entry entry) -> paths.add(entry.displayPath()));
        return paths;
    }
}
