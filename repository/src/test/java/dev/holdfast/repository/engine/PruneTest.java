package dev.holdfast.repository.engine;

import static dev.holdfast.repository.engine.TestRepositories.backup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.repository.CheckReport;
import dev.holdfast.repository.Progress;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.SnapshotInfo;
import dev.holdfast.repository.index.IndexEntry;
import dev.holdfast.repository.pack.BlobType;
import dev.holdfast.repository.prune.PruneOptions;
import dev.holdfast.repository.prune.PruneReport;
import dev.holdfast.repository.prune.Pruner;
import dev.holdfast.repository.retention.BulkDeletionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prune on a real file-system repository with small packs: what it deletes, what it keeps,
 * and that every snapshot that stays restores byte for byte afterwards.
 */
class PruneTest {
    private static final PruneOptions DEFAULTS = PruneOptions.defaults();

    @TempDir
    Path temp;
    private Path source;
    private Path folder;

    @BeforeEach
    void createSource() throws IOException {
        source = Files.createDirectory(temp.resolve("src"));
        folder = temp.resolve("repo");
    }

    @Test
    void prune_removedSnapshot_leavesExactlyTheLiveData() throws Exception {
        write("a", 1, 160_000);
        write("b", 2, 80_000);
        String first;
        String second;
        PruneReport report;
        try (Repository repository = TestRepositories.create(folder,
                TestRepositories.SMALL_CHUNKS)) {
            first = backup(repository, source).snapshotId();
            Files.delete(source.resolve("a"));
            write("c", 3, 150_000);
            second = backup(repository, source).snapshotId();

            report = repository.prune(Set.of(first), List.of(), DEFAULTS);
        }

        assertThat(report.snapshotsRemoved()).containsExactly(first);
        assertThat(report.packsRepacked()).as("a's pack keeps only b").isEqualTo(1);
        assertThat(report.packsDeleted()).as("the first backup's tree pack").isEqualTo(1);
        assertThat(report.bytesFreed()).isGreaterThan(150_000);
        try (Repository reopened = TestRepositories.open(folder)) {
            assertThat(reopened.snapshots()).extracting(SnapshotInfo::id).containsExactly(second);
            assertThat(SnapshotContents.of(reopened, second)).isEqualTo(
                    SnapshotContents.of(source));
            assertThat(plainBytes(reopened, BlobType.DATA)).isEqualTo(80_000 + 150_000);
            assertThat(entries(reopened, BlobType.TREE)).as("the root and /src of the second")
                    .hasSize(2);
            assertClean(reopened);
        }
    }

    @Test
    void repack_mostlyGarbagePack_copiesOnlyItsLiveBlobs() throws Exception {
        write("dead", 4, 200_000);
        write("live", 5, 30_000);
        try (Repository repository = TestRepositories.create(folder,
                TestRepositories.SMALL_CHUNKS)) {
            String first = backup(repository, source).snapshotId();
            Files.delete(source.resolve("dead"));
            String second = backup(repository, source).snapshotId();

            PruneReport report = repository.prune(Set.of(first), List.of(),
                    DEFAULTS.withBulkDeletion(1.0, false));

            assertThat(report.packsRepacked()).isEqualTo(1);
            assertThat(report.bytesWritten()).isBetween(30_000L, 40_000L);
            try (Repository reopened = TestRepositories.open(folder)) {
                assertThat(SnapshotContents.of(reopened, second))
                        .isEqualTo(SnapshotContents.of(source));
                assertThat(plainBytes(reopened, BlobType.DATA)).isEqualTo(30_000);
                assertClean(reopened);
            }
        }
    }

    @Test
    void backupBetweenPhases_reusingBlobsOfADoomedPack_keepsThem() throws Exception {
        write("x", 6, 100_000);
        try (Repository repository = TestRepositories.create(folder,
                TestRepositories.SMALL_CHUNKS)) {
            String first = backup(repository, source).snapshotId();
            byte[] x = Files.readAllBytes(source.resolve("x"));
            Files.delete(source.resolve("x"));
            write("y", 7, 150_000);
            String second = backup(repository, source).snapshotId();
            Pruner pruner = repository.pruner(Clock.systemUTC());
            Pruner.Prepared prepared = pruner.prepare(Set.of(first), List.of(), DEFAULTS);

            Files.write(source.resolve("x"), x);
            String third = backup(repository, source).snapshotId();
            Map<String, String> expected = SnapshotContents.of(source);
            PruneReport report = pruner.finish(prepared);

            assertThat(report.snapshotsRemoved()).containsExactly(first);
            try (Repository reopened = TestRepositories.open(folder)) {
                assertThat(reopened.snapshots()).extracting(SnapshotInfo::id)
                        .containsExactlyInAnyOrder(second, third);
                assertThat(SnapshotContents.of(reopened, third)).isEqualTo(expected);
                assertClean(reopened);
            }
        }
    }

    @Test
    void backupAfterPruneByAnotherProcess_reloadsTheIndex_storesDeletedBlobsAgain()
            throws Exception {
        write("a", 15, 50_000);
        try (Repository backups = TestRepositories.create(folder,
                TestRepositories.SMALL_CHUNKS)) {
            String first = backup(backups, source).snapshotId();
            try (Repository pruning = TestRepositories.open(folder)) {
                pruning.prune(Set.of(first), List.of(), DEFAULTS.withBulkDeletion(1.0, true));
            }

            String second = backup(backups, source).snapshotId();

            try (Repository reopened = TestRepositories.open(folder)) {
                assertThat(SnapshotContents.of(reopened, second))
                        .isEqualTo(SnapshotContents.of(source));
                assertClean(reopened);
            }
        }
    }

    @Test
    void bulkDeletion_aboveShare_stopsUntilConfirmed() throws Exception {
        write("big", 8, 300_000);
        try (Repository repository = TestRepositories.create(folder,
                TestRepositories.SMALL_CHUNKS)) {
            String first = backup(repository, source).snapshotId();
            Files.delete(source.resolve("big"));
            write("small", 9, 50_000);
            backup(repository, source);
            Set<String> before = objects();

            assertThatThrownBy(() -> repository.prune(Set.of(first), List.of(), DEFAULTS))
                    .isInstanceOf(BulkDeletionException.class)
                    .hasMessageContaining("more than the bulk-deletion share of 50%")
                    .hasMessageContaining("Nothing was written or deleted")
                    .hasMessageContaining("--confirm-bulk-deletion");
            assertThat(objects()).isEqualTo(before);

            PruneReport report = repository.prune(Set.of(first), List.of(),
                    DEFAULTS.withBulkDeletion(0.5, true));
            assertThat(report.snapshotsRemoved()).containsExactly(first);
            assertThat(report.bytesFreed()).isGreaterThan(250_000);
        }
    }

    @Test
    void dryRun_reportsThePlan_writesAndDeletesNothing() throws Exception {
        write("a", 10, 160_000);
        write("b", 11, 80_000);
        try (Repository repository = TestRepositories.create(folder,
                TestRepositories.SMALL_CHUNKS)) {
            String first = backup(repository, source).snapshotId();
            Files.delete(source.resolve("a"));
            backup(repository, source);
            Set<String> before = objects();

            PruneReport report = repository.prune(Set.of(first), List.of(),
                    DEFAULTS.withDryRun(true));

            assertThat(report.dryRun()).isTrue();
            assertThat(report.snapshotsRemoved()).containsExactly(first);
            assertThat(report.packsRepacked()).isEqualTo(1);
            assertThat(report.indexFilesRewritten()).isPositive();
            assertThat(objects()).isEqualTo(before);
        }
    }

    @Test
    void unindexedPack_isANoteForCheck_andPruneDeletesIt() throws Exception {
        write("a", 12, 10_000);
        try (Repository repository = TestRepositories.create(folder,
                TestRepositories.SMALL_CHUNKS)) {
            backup(repository, source);
            String stray = "ab" + "0".repeat(62);
            repository.index();
            Path strayPath = Files.createDirectories(folder.resolve("data/ab")).resolve(stray);
            Files.write(strayPath, new byte[] {1, 2, 3});

            CheckReport check = repository.check(false, Progress.NONE);
            assertThat(check.problems()).isEmpty();
            assertThat(check.unindexedPacks()).containsExactly("data/ab/" + stray);

            PruneReport report = repository.prune(Set.of(), List.of(), DEFAULTS);

            assertThat(report.packsDeleted()).isEqualTo(1);
            assertThat(strayPath).doesNotExist();
        }
    }

    @Test
    void extraKeys_deletedLast_whenEverySnapshotWent() throws Exception {
        write("a", 13, 10_000);
        try (Repository repository = TestRepositories.create(folder,
                TestRepositories.SMALL_CHUNKS)) {
            String first = backup(repository, source).snapshotId();
            write("b", 14, 10_000);
            backup(repository, source);
            Path record = Files.createDirectories(folder.resolve("deleted")).resolve("r1");
            Files.write(record, new byte[] {7});

            repository.prune(Set.of(first), List.of("deleted/r1"),
                    DEFAULTS.withBulkDeletion(1.0, false));

            assertThat(record).doesNotExist();
        }
    }

    static void assertClean(Repository repository) throws RepositoryException {
        CheckReport check = repository.check(true, Progress.NONE);
        assertThat(check.problems()).isEmpty();
        assertThat(check.unindexedPacks()).isEmpty();
    }

    private void write(String name, long seed, int size) throws IOException {
        Files.write(source.resolve(name), Trees.random(seed, size));
    }

    private static List<IndexEntry> entries(Repository repository, BlobType type) {
        return TestRepositories.entries(repository, type);
    }

    private static long plainBytes(Repository repository, BlobType type) {
        return entries(repository, type).stream().mapToLong(e -> e.blob().plainLength()).sum();
    }

    /** Returns every object's path below the repository folder, locks left out. */
    private Set<String> objects() throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString())
                    .filter(p -> !p.startsWith("locks/")).collect(TreeSet::new, Set::add,
                            Set::addAll);
        }
    }
}
