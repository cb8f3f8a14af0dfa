package dev.holdfast.orchestrator.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.crypto.Argon2Parameters;
import dev.holdfast.repository.BackupRequest;
import dev.holdfast.repository.Progress;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryOptions;
import dev.holdfast.repository.placement.Fact;
import dev.holdfast.repository.placement.PlacementRules;
import dev.holdfast.repository.placement.ProviderStatus;
import dev.holdfast.repository.placement.RepairReport;
import dev.holdfast.storage.ForwardingProvider;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.StorageException;
import dev.holdfast.storage.s3.S3ProxyExtension;
import dev.holdfast.storage.testing.FaultInjectingProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copy to a provider added to a running repository: the repository starts on the two
 * filesystem providers, and the S3 provider (S3Proxy on loopback) joins it as the third copy.
 */
class CopyToNewProviderTest {
    private static final char[] PASSPHRASE = "copy passphrase".toCharArray();
    private static final RepositoryOptions OPTIONS = new RepositoryOptions(4 * 1024, 16 * 1024,
            64 * 1024, 128 * 1024, 3, Argon2Parameters.forTestsOnly());
    private static final PlacementRules DISKS_ONLY = new PlacementRules(2, Set.of(Fact.OPERATOR),
            Set.of(), 2);
    @RegisterExtension
    static final S3ProxyExtension S3_PROXY = new S3ProxyExtension();

    @TempDir
    Path temp;

    private List<FaultInjectingProvider> faults = List.of();
    private int expectedObjects;

    @BeforeEach
    void setUp() throws Exception {
        faults = ThreeProviders.withFaults(ThreeProviders.drivers(S3_PROXY.server(), temp));
        Path source = Files.createDirectories(temp.resolve("source"));
        Random random = new Random(17);
        for (int i = 0; i < 6; i++) {
            byte[] bytes = new byte[40_000 + random.nextInt(60_000)];
            random.nextBytes(bytes);
            Files.write(source.resolve("file-" + i), bytes);
        }
        List<Provider> disks = List.of(faults.get(0), faults.get(1));
        Repository.init(ThreeProviders.replicated(disks, DISKS_ONLY, Duration.ofSeconds(2)),
                PASSPHRASE, OPTIONS, "test").close();
        try (Repository repository = Repository.open(ThreeProviders.replicated(disks,
                DISKS_ONLY, Duration.ofSeconds(2)), PASSPHRASE)) {
            repository.backup(new BackupRequest(List.of(source), "host", List.of(), null,
                    List.of()), Progress.NONE);
            expectedObjects = (int) repository.providerStatuses(false).getFirst().objects();
        }
        assertThat(expectedObjects).isGreaterThan(3);
    }

    @AfterEach
    void tearDown() throws Exception {
        Thread.interrupted();
        for (FaultInjectingProvider fault : faults) {
            fault.clear();
            fault.close();
        }
    }

    @Test
    void copyTo_interrupted_nextRunCopiesRest() throws Exception {
        InterruptingProvider s3 = new InterruptingProvider(faults.get(2), 3);
        RepairReport first;
        try (Repository repository = open(s3)) {
            first = repository.copyTo("s3", Progress.NONE);
            assertThat(Thread.interrupted()).as("interrupt flag kept for the caller").isTrue();
        }
        assertThat(first.interrupted()).isTrue();
        assertThat(first.complete()).isFalse();
        assertThat(first.copied().get("s3")).isEqualTo(3);
        assertThat(first.checked()).isLessThan(expectedObjects);

        try (Repository repository = open(faults.get(2))) {
            RepairReport second = repository.copyTo("s3", Progress.NONE);

            assertThat(second.interrupted()).isFalse();
            assertThat(second.complete()).isTrue();
            assertThat(second.skipped().get("s3")).isEqualTo(3);
            assertThat(second.copied().get("s3")).isEqualTo(expectedObjects - 3);
            assertThat(second.checked()).isEqualTo(expectedObjects);
            assertPlacementHolds(repository);
        }
    }

    @Test
    void copyTo_sourceDown_readsOtherSource() throws Exception {
        faults.get(0).makeUnavailable();

        try (Repository repository = open(faults.get(2))) {
            RepairReport report = repository.copyTo("s3", Progress.NONE);

            assertThat(report.unreachable()).containsOnlyKeys("disk-a");
            assertThat(report.unrepairable()).isEmpty();
            assertThat(report.copied().get("s3")).isEqualTo(expectedObjects);
            assertThat(report.bytesCopied().get("s3")).isPositive();
        }
        faults.get(0).clear();
        try (Repository repository = open(faults.get(2))) {
            assertPlacementHolds(repository);
        }
    }

    @Test
    void copyTo_progress_countsEveryObject() throws Exception {
        List<long[]> updates = new ArrayList<>();
        Progress progress = new Progress() {
            @Override
            public void update(long done, long bytesDone, long total, long bytesTotal) {
                updates.add(new long[] {done, bytesDone, total, bytesTotal});
            }
        };

        try (Repository repository = open(faults.get(2))) {
            repository.copyTo("s3", progress);
        }

        long[] last = updates.getLast();
        assertThat(last[0]).isEqualTo(expectedObjects);
        assertThat(last[2]).isEqualTo(expectedObjects);
        assertThat(last[1]).isEqualTo(last[3]).isPositive();
    }

    private Repository open(Provider s3) throws Exception {
        return Repository.open(ThreeProviders.replicated(List.of(faults.get(0), faults.get(1),
                s3), ThreeProviders.RULES, Duration.ofSeconds(2)), PASSPHRASE);
    }

    private static void assertPlacementHolds(Repository repository) throws Exception {
        for (ProviderStatus status : repository.providerStatuses(true)) {
            assertThat(status.missing()).as(status.provider()).isZero();
            assertThat(status.damaged()).as(status.provider()).isZero();
        }
    }

    /** Interrupts the calling thread after it has stored {@code limit} objects, as Ctrl-C would. */
    private static final class InterruptingProvider extends ForwardingProvider {
        private final AtomicInteger stored = new AtomicInteger();
        private final int limit;

        InterruptingProvider(Provider delegate, int limit) {
            super(delegate);
            this.limit = limit;
        }

        @Override
        public boolean putIfAbsent(String key, byte[] data) throws StorageException {
            boolean written = super.putIfAbsent(key, data);
            if (!key.startsWith("locks/") && stored.incrementAndGet() == limit) {
                Thread.currentThread().interrupt();
            }
            return written;
        }
    }
}
