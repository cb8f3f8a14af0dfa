package dev.holdfast.orchestrator.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.holdfast.crypto.Argon2Parameters;
import dev.holdfast.repository.BackupRequest;
import dev.holdfast.repository.BackupSummary;
import dev.holdfast.repository.CheckReport;
import dev.holdfast.repository.Progress;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryOptions;
import dev.holdfast.repository.objects.ObjectStore;
import dev.holdfast.repository.placement.DamagedCopy;
import dev.holdfast.repository.placement.PlacementReport;
import dev.holdfast.repository.placement.PlacementViolation;
import dev.holdfast.repository.placement.ProviderStatus;
import dev.holdfast.repository.placement.RepairReport;
import dev.holdfast.repository.placement.ReplicatedProvider;
import dev.holdfast.repository.placement.ScrubReport;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.StorageException;
import dev.holdfast.storage.s3.S3ProxyExtension;
import dev.holdfast.storage.testing.FaultInjectingProvider;
import dev.holdfast.storage.testing.FaultInjectingProvider.Operation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Survey, check and repair of a repository on two filesystem providers and one S3 provider
 * (S3Proxy on loopback), three copies with a write quorum of two.
 */
class ReplicationRepairTest {
    private static final char[] PASSPHRASE = "repair passphrase".toCharArray();
    private static final RepositoryOptions OPTIONS = new RepositoryOptions(4 * 1024, 16 * 1024,
            64 * 1024, 128 * 1024, 3, Argon2Parameters.forTestsOnly());
    @RegisterExtension
    static final S3ProxyExtension S3_PROXY = new S3ProxyExtension();

    @TempDir
    Path temp;

    private List<Provider> drivers;
    private List<FaultInjectingProvider> faults = List.of();
    private Path source;

    @BeforeEach
    void setUp() throws Exception {
        drivers = ThreeProviders.drivers(S3_PROXY.server(), temp);
        faults = ThreeProviders.withFaults(drivers);
        source = Files.createDirectories(temp.resolve("source"));
        Random random = new Random(5);
        for (int i = 0; i < 6; i++) {
            byte[] bytes = new byte[30_000 + random.nextInt(60_000)];
            random.nextBytes(bytes);
            Files.write(source.resolve("file-" + i), bytes);
        }
        Repository.init(replicated(), PASSPHRASE, OPTIONS, "test").close();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (FaultInjectingProvider fault : faults) {
            fault.clear();
            fault.close();
        }
    }

    @Test
    void repair_s3DownDuringBackup_healsAfterReturn() throws Exception {
        faults.get(2).makeUnavailable();
        try (Repository repository = open()) {
            BackupSummary summary = backup(repository);
            assertThat(summary.underReplicated()).isNotEmpty();
        }
        faults.get(2).clear();

        try (Repository repository = open()) {
            assertThat(repository.providerStatuses(false).get(2).missing()).isPositive();

            RepairReport report = repository.repair();

            assertThat(report.complete()).isTrue();
            assertThat(report.copied().get("s3")).isPositive();
            assertThat(report.copied().get("disk-a")).isZero();
            assertThat(report.copied().get("disk-b")).isZero();
            for (ProviderStatus status : repository.providerStatuses(true)) {
                assertThat(status.missing()).as(status.provider()).isZero();
                assertThat(status.damaged()).as(status.provider()).isZero();
            }
            assertThat(repository.repair().totalCopied()).isZero();
        }
    }

    @Test
    void repair_s3Emptied_restoresEveryObject() throws Exception {
        try (Repository repository = open()) {
            backup(repository);
        }
        TreeMap<String, Long> before = objects(drivers.get(2));
        for (String key : before.keySet()) {
            drivers.get(2).delete(key);
        }
        assertThat(objects(drivers.get(2))).isEmpty();

        try (Repository repository = open()) {
            RepairReport report = repository.repair();

            assertThat(report.complete()).isTrue();
            assertThat(report.copied().get("s3")).isEqualTo(before.size());
        }
        assertThat(objects(drivers.get(2))).isEqualTo(before);
    }

    @Test
    void repair_damagedPackOnS3_replaced() throws Exception {
        try (Repository repository = open()) {
            backup(repository);
        }
        String key = objects(drivers.get(2)).keySet().stream()
                .filter(k -> k.startsWith("data/")).findFirst().orElseThrow();
        String name = key.substring(key.lastIndexOf('/') + 1);
        byte[] damaged = drivers.get(2).get(key);
        damaged[damaged.length - 1] ^= 0x10;
        drivers.get(2).delete(key);
        drivers.get(2).putIfAbsent(key, damaged);

        try (Repository repository = open()) {
            List<ProviderStatus> statuses = repository.providerStatuses(true);
            assertThat(statuses.get(2).damaged()).isEqualTo(1);
            assertThat(statuses.get(0).damaged()).isZero();

            RepairReport report = repository.repair();

            assertThat(report.replaced()).extracting(DamagedCopy::provider, DamagedCopy::key)
                    .containsExactly(tuple("s3", key));
            assertThat(report.copied().get("s3")).isEqualTo(1);
        }
        assertThat(ObjectStore.nameOf(drivers.get(2).get(key))).isEqualTo(name);
    }

    @Test
    void providers_oneUnavailable_reportsError() throws Exception {
        try (Repository repository = open()) {
            backup(repository);
            faults.get(1).makeUnavailable();

            List<ProviderStatus> statuses = repository.providerStatuses(false);

            assertThat(statuses.get(1).reachable()).isFalse();
            assertThat(statuses.get(1).error()).contains("disk-b");
            assertThat(statuses.get(0).reachable()).isTrue();
            assertThat(statuses.get(2).reachable()).isTrue();
            assertThat(statuses.get(2).missing()).isZero();
            assertThat(statuses.get(2).objects()).isEqualTo(statuses.get(0).objects());
        }
    }

    @Test
    void checkProvider_corruptS3_damagedOnS3Only() throws Exception {
        try (Repository repository = open()) {
            backup(repository);
            List<String> packs = keys(drivers.get(2), "data/");
            faults.get(2).on(Operation.GET, "data/.*").corrupt();

            ScrubReport s3 = repository.checkProvider("s3", true, Progress.NONE);
            ScrubReport diskA = repository.checkProvider("disk-a", true, Progress.NONE);

            assertThat(s3.damaged()).extracting(DamagedCopy::key)
                    .containsExactlyElementsOf(packs);
            assertThat(s3.damaged()).extracting(DamagedCopy::provider).containsOnly("s3");
            assertThat(s3.missing()).isEmpty();
            assertThat(diskA.clean()).isTrue();
            assertThat(diskA.objects()).isEqualTo(s3.objects());
        }
    }

    @Test
    void checkProvider_deletedInBucket_missing() throws Exception {
        try (Repository repository = open()) {
            backup(repository);
            String snapshot = keys(drivers.get(2), "snapshots/").getFirst();
            drivers.get(2).delete(snapshot);

            ScrubReport s3 = repository.checkProvider("s3", false, Progress.NONE);
            ScrubReport diskB = repository.checkProvider("disk-b", false, Progress.NONE);

            assertThat(s3.missing()).containsExactly(snapshot);
            assertThat(s3.readData()).isFalse();
            assertThat(diskB.clean()).isTrue();
        }
    }

    @Test
    void check_providerUnreachable_placementUnconfirmed() throws Exception {
        try (Repository repository = open()) {
            backup(repository);
            faults.get(1).makeUnavailable();

            CheckReport report = repository.check(false, Progress.NONE);

            PlacementReport placement = report.placement();
            assertThat(placement.unreachable()).containsOnlyKeys("disk-b");
            assertThat(placement.violations()).isEmpty();
            assertThat(placement.unconfirmed()).hasSize(placement.objects());
            assertThat(report.problems()).isEmpty();
            assertThat(report.clean()).isFalse();
        }
    }

    @Test
    void check_markedSnapshot_healedOncePlacementHolds() throws Exception {
        faults.get(2).makeUnavailable();
        String id;
        try (Repository repository = open()) {
            BackupSummary summary = backup(repository);
            id = summary.snapshotId();
        }
        faults.get(2).clear();

        try (Repository repository = open()) {
            CheckReport report = repository.check(false, Progress.NONE);
            assertThat(report.placement().violations()).isNotEmpty()
                    .extracting(PlacementViolation::rule).containsOnly("copies");
            assertThat(report.placement().violations().getFirst().providers())
                    .containsExactly("disk-a", "disk-b");
            assertThat(report.healedSnapshots()).isEmpty();
        }
        copyMissing(drivers.get(0), drivers.get(2));

        try (Repository repository = open()) {
            CheckReport report = repository.check(false, Progress.NONE);
            assertThat(report.clean()).isTrue();
            assertThat(report.healedSnapshots()).containsExactly(id);
            assertThat(repository.snapshot(id).underReplicated()).isTrue();

            RepairReport repair = repository.repair();

            assertThat(repair.recorded()).containsExactly(id);
            assertThat(repair.totalCopied()).isZero();
        }
        try (Repository repository = open()) {
            assertThat(repository.snapshot(id).underReplicated()).isFalse();
            CheckReport report = repository.check(false, Progress.NONE);
            assertThat(report.healedSnapshots()).isEmpty();
            assertThat(report.clean()).isTrue();
            assertThat(repository.repair().recorded()).isEmpty();
        }
        for (Provider driver : drivers) {
            assertThat(keys(driver, "replicated/")).as(driver.name()).hasSize(1);
        }
    }

    /** Copies every object that {@code to} lacks from {@code from}, as an operator might. */
    private static void copyMissing(Provider from, Provider to) throws StorageException {
        TreeMap<String, Long> present = objects(to);
        for (String key : objects(from).keySet()) {
            if (!present.containsKey(key)) {
                to.putIfAbsent(key, from.get(key));
            }
        }
    }

    /** Returns the keys below {@code prefix} on {@code provider}, in order. */
    private static List<String> keys(Provider provider, String prefix) throws StorageException {
        return objects(provider).keySet().stream().filter(key -> key.startsWith(prefix))
                .toList();
    }

    private static TreeMap<String, Long> objects(Provider provider) throws StorageException {
        TreeMap<String, Long> objects = new TreeMap<>();
        provider.list("", info -> {
            if (!info.key().startsWith("locks/")) {
                objects.put(info.key(), info.size());
            }
        });
        return objects;
    }

    private ReplicatedProvider replicated() throws Exception {
        return ThreeProviders.replicated(faults, Duration.ofSeconds(2));
    }

    private Repository open() throws Exception {
        return Repository.open(replicated(), PASSPHRASE);
    }

    private BackupSummary backup(Repository repository) throws Exception {
        return repository.backup(new BackupRequest(List.of(source), "host", List.of(), null,
                List.of()), Progress.NONE);
    }
}
