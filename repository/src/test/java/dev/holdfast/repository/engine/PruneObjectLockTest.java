package dev.holdfast.repository.engine;

import static dev.holdfast.repository.engine.TestRepositories.backup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.SnapshotInfo;
import dev.holdfast.repository.prune.PruneOptions;
import dev.holdfast.repository.prune.PruneReport;
import dev.holdfast.storage.s3.ConditionalCreate;
import dev.holdfast.storage.s3.ObjectLock;
import dev.holdfast.storage.s3.S3Provider;
import dev.holdfast.storage.s3.S3ProxyServer;
import dev.holdfast.storage.s3.S3Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prune on an S3 provider that requests object-lock retention, through S3Proxy. S3Proxy stores
 * the retention headers without enforcing them, so what is tested is that prune itself leaves
 * locked objects alone until their upload time plus the retention, judged by a given clock.
 */
class PruneObjectLockTest {
    private static final PruneOptions ANY_SHARE = PruneOptions.defaults()
            .withBulkDeletion(1.0, false);
    private static final String STRAY = "data/ab/ab" + "0".repeat(62);
    private static S3ProxyServer server;

    @TempDir
    Path temp;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start(new S3ProxyServer.Options().ignoreUnknownHeaders());
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void lockedObjects_keptUntilTheirRetentionEnds() throws Exception {
        Path source = Files.createDirectory(temp.resolve("src"));
        Files.write(source.resolve("a"), Trees.random(1, 160_000));
        Files.write(source.resolve("b"), Trees.random(2, 80_000));
        S3Provider provider = provider(Duration.ofDays(30));
        try (Repository repository = Repository.init(provider, TestRepositories.passphrase(),
                TestRepositories.SMALL_CHUNKS, "test key")) {
            String first = backup(repository, source).snapshotId();
            Files.delete(source.resolve("a"));
            String second = backup(repository, source).snapshotId();
            provider.putIfAbsent(STRAY, new byte[] {1, 2, 3});
            Instant now = Instant.now();

            PruneReport locked = repository.pruner(at(now)).run(Set.of(first), List.of(),
                    ANY_SHARE);

            assertThat(locked.snapshotsRemoved()).isEmpty();
            assertThat(locked.snapshotsKept()).containsExactly(first);
            assertThat(locked.locked()).extracting(PruneReport.Locked::key)
                    .contains("snapshots/" + first, STRAY);
            assertThat(locked.packsLocked()).isPositive();
            assertThat(locked.lockedUntil()).get().matches(until -> until.isAfter(
                    now.plus(Duration.ofDays(29))));
            assertThat(repository.snapshots()).hasSize(2);
            assertThat(provider.stat(STRAY)).isPresent();

            PruneReport expired = repository.pruner(at(now.plus(Duration.ofDays(31))))
                    .run(Set.of(first), List.of(), ANY_SHARE);

            assertThat(expired.snapshotsRemoved()).containsExactly(first);
            assertThat(expired.locked()).isEmpty();
            assertThat(provider.stat(STRAY)).isEmpty();
        }
        try (Repository reopened = TestRepositories.open(provider(Duration.ofDays(30)))) {
            assertThat(reopened.snapshots()).extracting(SnapshotInfo::id).hasSize(1);
            String second = reopened.snapshots().getFirst().id();
            assertThat(SnapshotContents.of(reopened, second))
                    .isEqualTo(SnapshotContents.of(source));
            PruneTest.assertClean(reopened);
        }
    }

    /**
     * A pack whose own lock has ended stays while an index file that lists it is locked.
     * Deleting the pack would leave that file naming a pack that is gone, and the file cannot
     * be deleted or replaced until its lock ends. Here the index file is younger than the pack
     * because a prune rewrote it seconds after the backups; S3 times have whole seconds.
     */
    @Test
    void prune_lockedIndexFile_keepsItsPack() throws Exception {
        Path source = Files.createDirectory(temp.resolve("src"));
        Files.write(source.resolve("a"), Trees.random(4, 160_000));
        Files.write(source.resolve("b"), Trees.random(5, 80_000));
        Duration retention = Duration.ofDays(30);
        try (Repository repository = Repository.init(provider(retention),
                TestRepositories.passphrase(), TestRepositories.SMALL_CHUNKS, "test key")) {
            String first = backup(repository, source).snapshotId();
            Files.delete(source.resolve("a"));
            String second = backup(repository, source).snapshotId();
            Instant backedUp = Instant.now();
            Thread.sleep(2_600);
            Instant rewriting = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            PruneReport rewrite = repository.pruner(at(rewriting.plus(Duration.ofDays(31))))
                    .run(Set.of(first), List.of(), ANY_SHARE);
            assertThat(rewrite.snapshotsRemoved()).containsExactly(first);
            assertThat(rewrite.indexFilesRewritten()).isPositive();
            Files.delete(source.resolve("b"));
            Files.write(source.resolve("c"), Trees.random(6, 50_000));
            String third = backup(repository, source).snapshotId();
            // The packs of the first backups are unlocked by then, the rewritten file is not.
            Instant between = rewriting.plus(retention).minusMillis(500);
            assertThat(between).isAfter(backedUp.plus(retention));

            PruneReport kept = repository.pruner(at(between)).run(Set.of(second), List.of(),
                    ANY_SHARE);

            assertThat(kept.snapshotsRemoved()).containsExactly(second);
            assertThat(kept.packsLocked()).isPositive();
            assertThat(kept.locked()).extracting(PruneReport.Locked::key)
                    .anyMatch(key -> key.startsWith("data/"));
            assertThat(kept.locked()).allSatisfy(locked -> assertThat(locked.until())
                    .isAfterOrEqualTo(rewriting.plus(retention)));
            PruneTest.assertClean(repository);

            PruneReport released = repository.pruner(at(between.plus(Duration.ofDays(1))))
                    .run(Set.of(), List.of(), ANY_SHARE);

            assertThat(released.locked()).isEmpty();
            assertThat((long) released.packsDeleted()).isGreaterThanOrEqualTo(kept.packsLocked());
            PruneTest.assertClean(repository);
            assertThat(SnapshotContents.of(repository, third))
                    .isEqualTo(SnapshotContents.of(source));
        }
    }

    @Test
    void retentionShorterThanDeletionDelay_refusesToWrite() throws Exception {
        Path source = Files.createDirectory(temp.resolve("src"));
        Files.write(source.resolve("a"), Trees.random(3, 1000));
        try (Repository repository = Repository.init(provider(Duration.ofDays(1)),
                TestRepositories.passphrase(), TestRepositories.SMALL_CHUNKS, "test key")) {
            assertThatThrownBy(() -> backup(repository, source))
                    .isInstanceOf(RepositoryException.class)
                    .hasMessageContaining("provider \"locked\" locks objects for 1d")
                    .hasMessageContaining("deletion delay of 30d");
            assertThatThrownBy(() -> repository.prune(Set.of(), List.of(), ANY_SHARE))
                    .hasMessageContaining("provider \"locked\"");
        }
    }

    private String bucket;

    /** Returns a provider on this test's bucket, created on first use. */
    private S3Provider provider(Duration retention) throws Exception {
        if (bucket == null) {
            bucket = server.createBucket();
        }
        S3Settings settings = server.settings(bucket)
                .conditionalCreate(ConditionalCreate.CHECK_THEN_PUT)
                .objectLock(new ObjectLock(ObjectLock.Mode.GOVERNANCE, retention)).build();
        return S3Provider.open("locked", settings, S3ProxyServer.environment());
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
