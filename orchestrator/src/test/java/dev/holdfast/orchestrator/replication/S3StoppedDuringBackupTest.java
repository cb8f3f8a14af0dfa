package dev.holdfast.orchestrator.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.crypto.Argon2Parameters;
import dev.holdfast.repository.BackupRequest;
import dev.holdfast.repository.BackupSummary;
import dev.holdfast.repository.CheckReport;
import dev.holdfast.repository.Progress;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.RepositoryOptions;
import dev.holdfast.repository.SnapshotInfo;
import dev.holdfast.repository.placement.Fact;
import dev.holdfast.repository.placement.PlacementRules;
import dev.holdfast.repository.placement.ProviderStatus;
import dev.holdfast.repository.placement.RepairReport;
import dev.holdfast.storage.ForwardingProvider;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.RetrySettings;
import dev.holdfast.storage.RetryingProvider;
import dev.holdfast.storage.Sleeper;
import dev.holdfast.storage.StorageException;
import dev.holdfast.storage.filesystem.FileSystemProvider;
import dev.holdfast.storage.s3.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * S3Proxy stopped while a backup uploads its packs to two filesystem providers and one S3
 * provider, three copies at a write quorum of two. The server keeps its objects in a folder, so
 * that it can be started again on them, as a provider that comes back after an outage. Each
 * provider sits behind retries, as the command line uses it, with a sleeper that only counts
 * time, so that retries against the stopped server cost no waiting.
 */
class S3StoppedDuringBackupTest {
    private static final char[] PASSPHRASE = "s3 stopped passphrase".toCharArray();
    private static final RepositoryOptions OPTIONS = new RepositoryOptions(4 * 1024, 16 * 1024,
            64 * 1024, 128 * 1024, 3, Argon2Parameters.forTestsOnly());
    /** The two filesystem providers alone, as a repository that has lost its S3 provider. */
    private static final PlacementRules DISKS_ONLY = new PlacementRules(2, Set.of(Fact.OPERATOR),
            Set.of(), 2);

    @TempDir
    Path temp;

    private final CountingSleeper sleeper = new CountingSleeper();
    private Path storage;
    /** The running server, null while it is stopped; the stopper sets it from a put's thread. */
    private volatile S3ProxyServer server;
    private String bucket;
    private Path source;

    @BeforeEach
    void setUp() throws Exception {
        storage = Files.createDirectories(temp.resolve("s3-storage"));
        server = S3ProxyServer.start(new S3ProxyServer.Options().storage(storage));
        bucket = server.createBucket();
        source = writeSource(temp.resolve("source"));
        try (Repository repository = Repository.init(ThreeProviders.replicated(
                withRetries(disks(), ThreeProviders.s3(server, bucket)), ThreeProviders.RULES,
                Duration.ofSeconds(2)), PASSPHRASE, OPTIONS, "test")) {
            assertThat(repository.id()).isNotEmpty();
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "stopped at pack {0}")
    @ValueSource(ints = {1, 3})
    void backup_s3StoppedWhileUploading_leavesValidRepository(int stopAt) throws Exception {
        ServerStopper s3 = new ServerStopper(ThreeProviders.s3(server, bucket), stopAt);
        BackupSummary summary = null;
        RepositoryException failure = null;
        try (Repository repository = open(s3)) {
            summary = backup(repository);
        } catch (RepositoryException e) {
            failure = e;
        }
        assertThat(s3.stopped).as("the server was stopped during the backup").isTrue();

        List<String> restorable = assertValidOnDisks(summary, failure);

        restartServer();
        try (Repository repository = open(ThreeProviders.s3(server, bucket))) {
            RepairReport repair = repository.repair();

            assertThat(repair.complete()).as(repair.toString()).isTrue();
            if (summary != null) {
                assertThat(repair.copied().get("s3")).isPositive();
            }
            assertThat(repository.check(true, Progress.NONE).problems()).isEmpty();
            for (ProviderStatus status : repository.providerStatuses(true)) {
                assertThat(status.missing()).as(status.provider()).isZero();
                assertThat(status.damaged()).as(status.provider()).isZero();
            }
            assertThat(repository.snapshots()).extracting(SnapshotInfo::id)
                    .containsExactlyElementsOf(restorable);
        }
    }

    /**
     * Asserts what the two filesystem providers contain after the backup. A backup that
     * completed left its snapshot, marked under-replicated, and one that failed left none.
     * Check finds no problem, and every snapshot restores byte for byte. Returns the IDs of
     * the snapshots.
     */
    private List<String> assertValidOnDisks(BackupSummary summary, RepositoryException failure)
            throws Exception {
        try (Repository repository = Repository.open(ThreeProviders.replicated(
                withRetries(disks()), DISKS_ONLY, Duration.ofSeconds(2)), PASSPHRASE)) {
            List<SnapshotInfo> snapshots = repository.snapshots();
            if (failure == null) {
                assertThat(summary.underReplicated()).isNotEmpty();
                assertThat(snapshots).singleElement().satisfies(snapshot -> {
                    assertThat(snapshot.id()).isEqualTo(summary.snapshotId());
                    assertThat(snapshot.underReplicated()).isTrue();
                });
            } else {
                assertThat(failure).hasMessageContaining("below the write quorum");
                assertThat(snapshots).isEmpty();
            }
            assertThat(repository.damagedSnapshots()).isEmpty();
            CheckReport check = repository.check(true, Progress.NONE);
            assertThat(check.problems()).isEmpty();
            assertThat(check.clean()).isTrue();
            for (SnapshotInfo snapshot : snapshots) {
                Restores.assertRestores(repository, snapshot.id(), source, temp);
            }
            return snapshots.stream().map(SnapshotInfo::id).toList();
        }
    }

    private void restartServer() throws Exception {
        server = S3ProxyServer.start(new S3ProxyServer.Options().storage(storage));
    }

    private List<Provider> disks() throws StorageException {
        return List.of(FileSystemProvider.create("disk-a", temp.resolve("a")),
                FileSystemProvider.create("disk-b", temp.resolve("b")));
    }

    private List<Provider> withRetries(List<Provider> drivers, Provider... more) {
        List<Provider> all = new ArrayList<>(drivers);
        all.addAll(List.of(more));
        return all.stream().map(driver -> (Provider) new RetryingProvider(driver,
                RetrySettings.defaults(), sleeper)).toList();
    }

    private Repository open(Provider s3) throws Exception {
        return Repository.open(ThreeProviders.replicated(withRetries(disks(), s3),
                ThreeProviders.RULES, Duration.ofSeconds(2)), PASSPHRASE);
    }

    private BackupSummary backup(Repository repository) throws RepositoryException {
        return repository.backup(new BackupRequest(List.of(source), "host", List.of(), null,
                List.of()), Progress.NONE);
    }

    /** Writes about 1.3 MB of random files, which fill about ten packs of 128 KiB. */
    private static Path writeSource(Path folder) throws IOException {
        Random random = new Random(23);
        Files.createDirectories(folder);
        for (int i = 0; i < 10; i++) {
            byte[] bytes = new byte[100_000 + random.nextInt(60_000)];
            random.nextBytes(bytes);
            Files.write(folder.resolve("file-" + i), bytes);
        }
        return folder;
    }

    /**
     * Stops the S3 server just before the put of the {@code stopAt}-th pack reaches it, so
     * that the server goes away in the middle of the backup's uploads.
     */
    private final class ServerStopper extends ForwardingProvider {
        private final AtomicInteger packPuts = new AtomicInteger();
        private final int stopAt;
        volatile boolean stopped;

        ServerStopper(Provider s3, int stopAt) {
            super(s3);
            this.stopAt = stopAt;
        }

        @Override
        public boolean putIfAbsent(String key, byte[] data) throws StorageException {
            if (key.startsWith("data/") && packPuts.incrementAndGet() == stopAt) {
                stopServer();
            }
            return super.putIfAbsent(key, data);
        }

        private void stopServer() {
            try {
                server.close();
                server = null;
                stopped = true;
            } catch (Exception e) {
                throw new IllegalStateException("stopping S3Proxy failed", e);
            }
        }
    }

    /** A sleeper that advances its own clock instead of waiting. Thread-safe. */
    private static final class CountingSleeper implements Sleeper {
        private final AtomicLong nanos = new AtomicLong(System.nanoTime());

        @Override
        public void sleep(Duration duration) {
            nanos.addAndGet(duration.toNanos());
        }

        @Override
        public long nanoTime() {
            return nanos.get();
        }
    }
}
