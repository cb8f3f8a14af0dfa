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
