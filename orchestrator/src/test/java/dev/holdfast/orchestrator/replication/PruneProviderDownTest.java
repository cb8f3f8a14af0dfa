package dev.holdfast.orchestrator.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.crypto.Argon2Parameters;
import dev.holdfast.repository.BackupRequest;
import dev.holdfast.repository.CheckReport;
import dev.holdfast.repository.Progress;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryOptions;
import dev.holdfast.repository.SnapshotInfo;
import dev.holdfast.repository.prune.PruneOptions;
import dev.holdfast.repository.prune.PruneReport;
import dev.holdfast.repository.prune.PruneStep;
import dev.holdfast.repository.prune.Pruner;
import dev.holdfast.storage.s3.S3ProxyExtension;
import dev.holdfast.storage.testing.FaultInjectingProvider;
import dev.holdfast.storage.testing.FaultInjectingProvider.Operation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prune on three replicated providers when one of them stops deleting once the exclusive
 * phase has begun: what it needs stays everywhere, and a later prune finishes the work.
 */
class PruneProviderDownTest {
    private static final char[] PASSPHRASE = "prune provider down".toCharArray();
    private static final RepositoryOptions OPTIONS = new RepositoryOptions(4 * 1024, 16 * 1024,
            64 * 1024, 64 * 1024, 3, Argon2Parameters.forTestsOnly());
    @RegisterExtension
    static final S3ProxyExtension S3_PROXY = new S3ProxyExtension();

    @TempDir
    Path temp;

    private List<FaultInjectingProvider> faults = List.of();
    private Path source;

    @BeforeEach
    void setUp() throws Exception {
        faults = ThreeProviders.withFaults(ThreeProviders.drivers(S3_PROXY.server(), temp));
        source = Files.createDirectories(temp.resolve("source"));
        Repository.init(ThreeProviders.replicated(faults, Duration.ofMillis(500)), PASSPHRASE,
                OPTIONS, "test").close();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (FaultInjectingProvider fault : faults) {
            fault.clear();
            fault.close();
        }
    }

    private Repository open() throws Exception {
        return Repository.open(ThreeProviders.replicated(faults, Duration.ofMillis(500)),
                PASSPHRASE);
    }

    /** Backs up three versions of the source, each with new content, and returns their IDs. */
    private List<String> threeSnapshots() throws Exception {
        List<String> ids = new ArrayList<>();
        Random random = new Random(5);
        try (Repository repository = open()) {
            for (int version = 0; version < 3; version++) {
                writeVersion(random);
                ids.add(repository.backup(new BackupRequest(List.of(source), "host", List.of(),
                        null, List.of()), Progress.NONE).snapshotId());
            }
        }
        return ids;
    }

    private void writeVersion(Random random) throws IOException {
        for (int i = 0; i < 4; i++) {
            byte[] bytes = new byte[60_000];
            random.nextBytes(bytes);
            Files.write(source.resolve("file-" + i), bytes);
        }
    }

    @Test
    void prune_deletesFailing_nextPruneFinishes() throws Exception {
        List<String> ids = threeSnapshots();
        FaultInjectingProvider diskB = faults.get(1);
        PruneReport first;
        try (Repository repository = open()) {
            Pruner pruner = repository.pruner(Clock.systemUTC());
            pruner.onStep(step -> {
                if (step == PruneStep.EXCLUSIVE_LOCK_TAKEN) {
                    diskB.on(Operation.DELETE, "^(snapshots|data|index)/.*").failPermanent();
                }
            });
            first = pruner.run(Set.of(ids.get(0), ids.get(1)), List.of(),
                    PruneOptions.defaults().withBulkDeletion(1.0, true));
        }
        diskB.clear();

        assertThat(first.failedDeletions()).isNotEmpty().allSatisfy(failure -> assertThat(failure)
                .contains("failed on 1 of 3 providers: \"disk-b\"")
                .doesNotContain("replicated"));
        assertThat(first.snapshotsKept()).containsExactlyInAnyOrder(ids.get(0), ids.get(1));
        try (Repository repository = open()) {
            Restores.assertRestores(repository, ids.get(2), source, temp);
            assertThat(repository.check(true, Progress.NONE).problems()).isEmpty();

            PruneReport second = repository.pruner(Clock.systemUTC()).run(
                    Set.of(ids.get(0), ids.get(1)), List.of(),
                    PruneOptions.defaults().withBulkDeletion(1.0, true));

            assertThat(second.failedDeletions()).isEmpty();
            assertThat(repository.snapshots()).extracting(SnapshotInfo::id)
                    .containsExactly(ids.get(2));
            CheckReport check = repository.check(true, Progress.NONE);
            assertThat(check.problems()).isEmpty();
            assertThat(check.clean()).as("placement after the second prune: %s",
                    check.placement()).isTrue();
            Restores.assertRestores(repository, ids.get(2), source, temp);
        }
        for (String leftover : List.of("snapshots/" + ids.get(0), "snapshots/" + ids.get(1))) {
            assertThat(temp.resolve("b").resolve(leftover)).doesNotExist();
        }
    }
}
