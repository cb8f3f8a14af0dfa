package dev.holdfast.repository.engine;

import static dev.holdfast.repository.engine.TestRepositories.passphrase;
import static dev.holdfast.repository.engine.TestRepositories.provider;
import static dev.holdfast.repository.engine.TestRepositories.request;
import static dev.holdfast.repository.engine.TestRepositories.restore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.repository.BackupRequest;
import dev.holdfast.repository.CheckReport;
import dev.holdfast.repository.Progress;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.SnapshotInfo;
import dev.holdfast.repository.retention.BulkDeletionException;
import dev.holdfast.repository.retention.BulkDeletionGuard;
import dev.holdfast.repository.retention.DeletedSnapshot;
import dev.holdfast.repository.retention.ForgetOptions;
import dev.holdfast.repository.retention.ForgetResult;
import dev.holdfast.repository.retention.RemovableSnapshot;
import dev.holdfast.repository.retention.Retention;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forget, undelete and the deletion delay, timed by a clock the test controls. */
class DeletionDelayTest {
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration DELAY = Duration.ofDays(7);

    @TempDir
    Path temp;

    private SettableClock clock;
    private Path source;

    @BeforeEach
    void setUp() throws Exception {
        clock = new SettableClock(START);
        source = Files.createDirectories(temp.resolve("src"));
        Trees.write(source, "notes.txt", "first version\n".repeat(1000).getBytes());
        Trees.write(source, "blob.bin", new byte[70_000]);
    }

    private Repository create() throws Exception {
        return Repository.init(provider(temp.resolve("repo")), passphrase(),
                TestRepositories.SMALL_CHUNKS.withDeletionDelay(DELAY), "test key", clock);
    }

    private Repository reopen() throws Exception {
        return Repository.open(provider(temp.resolve("repo")), passphrase(), clock);
    }

    /** Backs up the source once per minute of the test clock; returns the IDs oldest first. */
    private List<String> backups(Repository repository, int count, String... tags)
            throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            BackupRequest tagged = new BackupRequest(request(source).sources(),
                    TestRepositories.HOST, List.of(tags), null, List.of());
            ids.add(repository.backup(tagged, Progress.NONE).snapshotId());
            clock.advance(Duration.ofMinutes(1));
        }
        return ids;
    }

    @Test
    void init_storesDelay_reopenedRepositoryUsesIt() throws Exception {
        try (Repository repository = create()) {
            assertThat(repository.deletionDelay()).isEqualTo(DELAY);
        }
        try (Repository repository = reopen()) {
            assertThat(repository.sealedDeletionDelay()).isEqualTo(DELAY);
            assertThat(repository.deletionDelay()).isEqualTo(DELAY);
        }
    }

    @Test
    void requestDeletionDelay_shorter_keepsSealed() throws Exception {
        try (Repository repository = create()) {
            assertThat(repository.requestDeletionDelay(Duration.ofDays(1))).isEqualTo(DELAY);
            assertThat(repository.deletionDelay()).isEqualTo(DELAY);
        }
    }

    @Test
    void requestDeletionDelay_longer_lengthensRemoval() throws Exception {
        try (Repository repository = create()) {
            String id = backups(repository, 2).getFirst();
            repository.forget(List.of(id), "test");
            Instant forgotten = clock.instant();
            repository.requestDeletionDelay(Duration.ofDays(10));

            clock.set(forgotten.plus(DELAY));
            assertThat(repository.removableSnapshots()).isEmpty();
            clock.set(forgotten.plus(Duration.ofDays(10)));
            assertThat(repository.removableSnapshots()).extracting(RemovableSnapshot::snapshotId)
                    .containsExactly(id);
        }
    }

    @Test
    void forget_hidesSnapshot_listsItAsDeleted() throws Exception {
        try (Repository repository = create()) {
            List<String> ids = backups(repository, 3);
            Instant forgotten = clock.instant();

            ForgetResult result = repository.forget(List.of(ids.get(0).substring(0, 8)),
                    "too old");

            assertThat(result.forgotten()).extracting(SnapshotInfo::id).containsExactly(ids.get(0));
            assertThat(repository.snapshots()).extracting(SnapshotInfo::id)
                    .containsExactly(ids.get(1), ids.get(2));
            List<DeletedSnapshot> deleted = repository.deletedSnapshots();
            assertThat(deleted).hasSize(1);
            assertThat(deleted.getFirst().snapshot().id()).isEqualTo(ids.get(0));
            assertThat(deleted.getFirst().forgottenAt()).isEqualTo(forgotten);
            assertThat(deleted.getFirst().removableAt()).isEqualTo(forgotten.plus(DELAY));
            assertThat(deleted.getFirst().reason()).isEqualTo("too old");
        }
    }

    @Test
    void forget_alreadyForgotten_writesNothing() throws Exception {
        try (Repository repository = create()) {
            List<String> ids = backups(repository, 3);
            repository.forget(List.of(ids.get(0)), "");
            long records = recordCount();

            ForgetResult again = repository.forget(List.of(ids.get(0)), "");

            assertThat(again.forgotten()).isEmpty();
            assertThat(again.alreadyForgotten()).extracting(d -> d.snapshot().id())
                    .containsExactly(ids.get(0));
            assertThat(recordCount()).isEqualTo(records);
        }
    }

    @Test
    void undelete_lastNanosecondBeforeRemovable_succeeds() throws Exception {
        try (Repository repository = create()) {
            String id = backups(repository, 2).getFirst();
            repository.forget(List.of(id), "");
            Instant removableAt = clock.instant().plus(DELAY);

            clock.set(removableAt.minusNanos(1));
            assertThat(repository.removableSnapshots()).isEmpty();
            repository.undelete(id);

            assertThat(repository.snapshots()).extracting(SnapshotInfo::id).contains(id);
            assertThat(repository.deletedSnapshots()).isEmpty();
            clock.set(removableAt.plus(DELAY));
            assertThat(repository.removableSnapshots()).isEmpty();
        }
    }

    @Test
    void undelete_atRemovableInstant_failsNamingWhenDelayEnded() throws Exception {
        try (Repository repository = create()) {
            String id = backups(repository, 2).getFirst();
            repository.forget(List.of(id), "");
            Instant removableAt = clock.instant().plus(DELAY);
            clock.set(removableAt);

            assertThatThrownBy(() -> repository.undelete(id))
                    .isInstanceOf(RepositoryException.class)
                    .hasMessageContaining("cannot be undeleted")
                    .hasMessageContaining("ended at " + removableAt)
                    .hasMessageContaining("prune may already have removed its data");
            assertThat(repository.deletedSnapshots()).hasSize(1);
        }
    }

    @Test
    void removableSnapshots_exactlyAtDelay_listsSnapshotAndRecords() throws Exception {
        try (Repository repository = create()) {
            List<String> ids = backups(repository, 3);
            repository.forget(List.of(ids.get(0)), "");
            Instant removableAt = clock.instant().plus(DELAY);

            clock.set(removableAt.minusNanos(1));
            assertThat(repository.removableSnapshots()).isEmpty();
            clock.set(removableAt);
            List<RemovableSnapshot> removable = repository.removableSnapshots();

            assertThat(removable).extracting(RemovableSnapshot::snapshotId)
                    .containsExactly(ids.get(0));
            assertThat(removable.getFirst().recordKeys()).hasSize(1)
                    .allMatch(key -> key.startsWith("deleted/"));
            assertThat(Files.exists(temp.resolve("repo")
                    .resolve(removable.getFirst().recordKeys().getFirst()))).isTrue();
        }
    }

    @Test
    void forgetAfterUndelete_restartsDelay() throws Exception {
        try (Repository repository = create()) {
            String id = backups(repository, 2).getFirst();
            repository.forget(List.of(id), "");
            clock.advance(Duration.ofDays(1));
            repository.undelete(id);
            clock.advance(Duration.ofDays(1));
            Instant second = clock.instant();
            repository.forget(List.of(id), "");

            clock.set(second.plus(DELAY).minusNanos(1));
            assertThat(repository.removableSnapshots()).isEmpty();
            clock.set(second.plus(DELAY));
            RemovableSnapshot removable = repository.removableSnapshots().getFirst();
            assertThat(removable.recordKeys()).hasSize(3);
        }
    }

    @Test
    void undelete_clockBehindForget_stillWinsAsNewest() throws Exception {
        try (Repository repository = create()) {
            String id = backups(repository, 2).getFirst();
            repository.forget(List.of(id), "");
            clock.advance(Duration.ofHours(-1));

            repository.undelete(id);

            assertThat(repository.deletedSnapshots()).isEmpty();
        }
    }

    @Test
    void undelete_liveSnapshot_rejected() throws Exception {
        try (Repository repository = create()) {
            String id = backups(repository, 1).getFirst();

            assertThatThrownBy(() -> repository.undelete(id))
                    .hasMessageContaining("is not forgotten");
        }
    }

    @Test
    void forgottenSnapshot_restoresByteForByte() throws Exception {
        TreeListing before = TreeListing.of(source);
        try (Repository repository = create()) {
            List<String> ids = backups(repository, 2);
            repository.forget(List.of(ids.get(0)), "");

            var restored = restore(repository, ids.get(0), temp.resolve("restore"));

            assertThat(restored.failed()).isEmpty();
            before.assertRestoredAs(TreeListing.of(temp.resolve("restore/src")));
        }
    }

    @Test
    void latest_skipsForgottenSnapshot() throws Exception {
        try (Repository repository = create()) {
            List<String> ids = backups(repository, 2);
            repository.forget(List.of(ids.get(1)), "");

            assertThat(repository.snapshot("latest").id()).isEqualTo(ids.get(0));
        }
    }

    @Test
    void forget_pinnedTag_rejectedWithoutWriting() throws Exception {
        try (Repository repository = create()) {
            String plain = backups(repository, 1).getFirst();
            String pinned = backups(repository, 1, "keep").getFirst();
            ForgetOptions options = new ForgetOptions("", Set.of("keep"),
                    BulkDeletionGuard.defaults());

            assertThatThrownBy(() -> repository.forget(List.of(plain, pinned), options))
                    .hasMessageContaining("snapshot " + pinned.substring(0, 8)
                            + " has the pinned tag \"keep\"")
                    .hasMessageContaining("nothing was forgotten");
            assertThat(recordCount()).isZero();
        }
    }

    @Test
    void forget_ninetyPercent_stoppedByGuard_confirmedProceeds() throws Exception {
        try (Repository repository = create()) {
            List<String> ids = backups(repository, 10);
            List<String> nine = ids.subList(0, 9);

            assertThatThrownBy(() -> repository.forget(nine, "policy change"))
                    .isInstanceOfSatisfying(BulkDeletionException.class, e -> {
                        assertThat(e.verdict().amount()).isEqualTo(9);
                        assertThat(e.verdict().total()).isEqualTo(10);
                    })
                    .hasMessageContaining("9 of 10 live snapshots (90%)")
                    .hasMessageContaining("bulk-deletion share of 50%");
            assertThat(recordCount()).isZero();
            assertThat(repository.snapshots()).hasSize(10);

            ForgetResult confirmed = repository.forget(nine, new ForgetOptions("policy change",
                    Set.of(), new BulkDeletionGuard(0.5, true)));

            assertThat(confirmed.forgotten()).hasSize(9);
            assertThat(repository.snapshots()).extracting(SnapshotInfo::id)
                    .containsExactly(ids.get(9));
        }
    }

    @Test
    void forget_recentForgetsCountInGuard() throws Exception {
        try (Repository repository = create()) {
            List<String> ids = backups(repository, 10);
            repository.forget(ids.subList(0, 4), "first run");

            assertThatThrownBy(() -> repository.forget(ids.subList(4, 6), "second run"))
                    .isInstanceOfSatisfying(BulkDeletionException.class, e -> {
                        assertThat(e.verdict().amount()).isEqualTo(6);
                        assertThat(e.verdict().total()).isEqualTo(10);
                    });
            assertThat(repository.snapshots()).hasSize(6);

            clock.advance(Retention.GUARD_WINDOW.plusMinutes(1));
            ForgetResult nextDay = repository.forget(ids.subList(4, 6), "next day");

            assertThat(nextDay.verdict().amount()).isEqualTo(2);
            assertThat(nextDay.verdict().total()).isEqualTo(6);
            assertThat(repository.snapshots()).hasSize(4);
        }
    }

    @Test
    void forget_exactlyTheShare_passes() throws Exception {
        try (Repository repository = create()) {
            List<String> ids = backups(repository, 4);

            ForgetResult result = repository.forget(ids.subList(0, 2), "");

            assertThat(result.forgotten()).hasSize(2);
            assertThat(result.verdict().exceedsShare()).isFalse();
        }
    }

    @Test
    void damagedRecord_reportedByCheck_otherwiseIgnored() throws Exception {
        try (Repository repository = create()) {
            List<String> ids = backups(repository, 2);
            repository.forget(List.of(ids.get(0)), "");
            Path record = onlyRecord();
            byte[] bytes = Files.readAllBytes(record);
            bytes[bytes.length - 1] ^= 1;
            Files.write(record, bytes);

            assertThat(repository.snapshots()).hasSize(2);
            CheckReport report = repository.check(false, Progress.NONE);
            // The audit trail still records the forget, so the now live snapshot is named too.
            assertThat(report.problems()).extracting(CheckReport.Problem::object)
                    .containsExactlyInAnyOrder("deleted/" + record.getFileName(),
                            "deleted/ (snapshot " + ids.get(0) + ")");
        }
    }

    @Test
    void recordOfMissingSnapshot_ignored() throws Exception {
        try (Repository repository = create()) {
            List<String> ids = backups(repository, 2);
            repository.forget(List.of(ids.get(0)), "");
            Files.delete(temp.resolve("repo/snapshots").resolve(ids.get(0)));
            clock.advance(DELAY);

            assertThat(repository.deletedSnapshots()).isEmpty();
            assertThat(repository.removableSnapshots()).isEmpty();
            assertThat(repository.snapshots()).extracting(SnapshotInfo::id)
                    .containsExactly(ids.get(1));
        }
    }

    @Test
    void formatV1Config_withoutDelay_meansThirtyDays() throws Exception {
        try (Repository repository = FormatV1Fixture.openCopy(temp.resolve("fixture"))) {
            assertThat(repository.sealedDeletionDelay()).isEqualTo(Duration.ofDays(30));
        }
    }

    private long recordCount() throws Exception {
        Path folder = temp.resolve("repo/deleted");
        if (!Files.exists(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }

    private Path onlyRecord() throws Exception {
        try (Stream<Path> files = Files.list(temp.resolve("repo/deleted"))) {
            return files.reduce((a, b) -> {
                throw new AssertionError("more than one deletion record");
            }).orElseThrow();
        }
    }
}
