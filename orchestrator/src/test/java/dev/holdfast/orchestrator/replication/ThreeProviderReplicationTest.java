package dev.holdfast.orchestrator.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.crypto.Argon2Parameters;
import dev.holdfast.repository.BackupRequest;
import dev.holdfast.repository.BackupSummary;
import dev.holdfast.repository.Progress;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.RepositoryOptions;
import dev.holdfast.repository.SnapshotInfo;
import dev.holdfast.repository.placement.ReplicatedProvider;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.s3.S3ProxyExtension;
import dev.holdfast.storage.testing.FaultInjectingProvider;
import dev.holdfast.storage.testing.FaultInjectingProvider.Operation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A repository on two filesystem providers and one S3 provider (S3Proxy on loopback), each
 * behind a fault-injecting wrapper, with three copies and a write quorum of two.
 */
class ThreeProviderReplicationTest {
    private static final char[] PASSPHRASE = "replicated passphrase".toCharArray();
    private static final RepositoryOptions OPTIONS = new RepositoryOptions(4 * 1024, 16 * 1024,
            64 * 1024, 256 * 1024, 3, Argon2Parameters.forTestsOnly());
    @RegisterExtension
    static final S3ProxyExtension S3_PROXY = new S3ProxyExtension();

    @TempDir
    Path temp;

    private List<FaultInjectingProvider> faults = List.of();
    private final List<ReplicatedProvider> opened = new ArrayList<>();
    private Path source;

    @BeforeEach
    void setUp() throws Exception {
        faults = ThreeProviders.withFaults(ThreeProviders.drivers(S3_PROXY.server(), temp));
        source = writeSource(temp.resolve("source"));
        try (Repository repository = Repository.init(replicated(), PASSPHRASE, OPTIONS,
                "test")) {
            assertThat(repository.id()).isNotEmpty();
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        for (FaultInjectingProvider fault : faults) {
            fault.clear();
            fault.close();
        }
    }

    @Test
    void backup_s3Down_completesAtQuorumMarkedUnderReplicated() throws Exception {
        faults.get(2).makeUnavailable();
        BackupSummary summary;
        try (Repository repository = open()) {
            summary = backup(repository);
        }
        faults.get(2).clear();

        assertThat(summary.underReplicated()).isNotEmpty()
                .allSatisfy(key -> assertThat(key).doesNotStartWith("locks/"));
        try (Repository repository = open()) {
            SnapshotInfo snapshot = repository.snapshot(summary.snapshotId());
            assertThat(snapshot.underReplicated()).isTrue();
            assertRestores(repository, summary.snapshotId());
        }
    }

    @Test
    void backup_allUp_notUnderReplicated() throws Exception {
        try (Repository repository = open()) {
            BackupSummary summary = backup(repository);

            assertThat(summary.underReplicated()).isEmpty();
            assertThat(repository.snapshot(summary.snapshotId()).underReplicated()).isFalse();
        }
    }

    @Test
    void backup_twoDown_failsAndLeavesNoSnapshot() throws Exception {
        try (Repository repository = open()) {
            faults.get(0).on(Operation.PUT, "data/.*").failHalfway();
            faults.get(2).on(Operation.PUT, "data/.*").failPermanent();

            assertThatThrownBy(() -> backup(repository))
                    .isInstanceOf(RepositoryException.class)
                    .hasMessageContaining("below the write quorum of 2");
        }
        for (FaultInjectingProvider fault : faults) {
            fault.clear();
        }
        try (Repository repository = open()) {
            assertThat(repository.snapshots()).isEmpty();
        }
    }

    @ParameterizedTest(name = "provider {0} down")
    @ValueSource(ints = {0, 1, 2})
    void restore_oneProviderDown_succeeds(int down) throws Exception {
        String snapshot = backupAllUp();
        faults.get(down).makeUnavailable();

        try (Repository repository = open()) {
            assertRestores(repository, snapshot);
        }
    }

    @ParameterizedTest(name = "provider {0} corrupt")
    @ValueSource(ints = {0, 1, 2})
    void restore_oneProviderCorrupt_succeedsAndReportsCopies(int corrupt) throws Exception {
        String snapshot = backupAllUp();
        faults.get(corrupt).on(Operation.GET, ".*").corrupt();

        try (Repository repository = open()) {
            assertRestores(repository, snapshot);

            // Which copies are read depends on measured latency, so the corrupt provider may
            // not be read at all; the store's unit tests pin the report down.
            String name = faults.get(corrupt).name();
            assertThat(repository.damagedCopies())
                    .allSatisfy(copy -> assertThat(copy.provider()).isEqualTo(name));
        }
    }

    @ParameterizedTest(name = "provider {0} emptied")
    @ValueSource(ints = {0, 1, 2})
    void restore_oneProviderEmptied_succeeds(int emptied) throws Exception {
        String snapshot = backupAllUp();
        faults.get(emptied).empty();

        try (Repository repository = open()) {
            assertRestores(repository, snapshot);
        }
    }

    @Test
    void restore_slowAndThrottledProviders_succeeds() throws Exception {
        String snapshot = backupAllUp();
        faults.get(0).on(Operation.GET, "data/.*").delay(Duration.ofSeconds(3));
        faults.get(1).on(Operation.GET, ".*").throttle(2);

        try (Repository repository = open()) {
            assertRestores(repository, snapshot);
        }
    }

    private String backupAllUp() throws Exception {
        try (Repository repository = open()) {
            return backup(repository).snapshotId();
        }
    }

    private ReplicatedProvider replicated() throws Exception {
        ReplicatedProvider provider = ThreeProviders.replicated(faults, Duration.ofMillis(500));
        opened.add(provider);
        return provider;
    }

    private Repository open() throws Exception {
        return Repository.open(replicated(), PASSPHRASE);
    }

    private BackupSummary backup(Repository repository) throws RepositoryException {
        return repository.backup(new BackupRequest(List.of(source), "host", List.of(), null,
                List.of()), Progress.NONE);
    }

    private void assertRestores(Repository repository, String snapshot) throws Exception {
        Restores.assertRestores(repository, snapshot, source, temp);
    }

    private static Path writeSource(Path folder) throws IOException {
        Random random = new Random(11);
        Files.createDirectories(folder.resolve("nested"));
        for (int i = 0; i < 12; i++) {
            byte[] bytes = new byte[100 + random.nextInt(40_000)];
            random.nextBytes(bytes);
            Files.write(folder.resolve((i % 2 == 0 ? "nested/" : "") + "file-" + i), bytes);
        }
        byte[] large = new byte[300_000];
        random.nextBytes(large);
        Files.write(folder.resolve("large"), large);
        return folder;
    }
}
