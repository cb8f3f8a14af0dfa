package dev.holdfast.repository.retention;

import dev.holdfast.crypto.Keyring;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.RepositoryException.Reason;
import dev.holdfast.repository.SnapshotInfo;
import dev.holdfast.repository.objects.Hex;
import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.repository.objects.ObjectStore;
import dev.holdfast.repository.snapshot.SnapshotStore;
import dev.holdfast.storage.StorageException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets and undeletes snapshots by writing deletion records, and tells live, forgotten and
 * removable snapshots apart. Both commands only add objects, so a credential that cannot
 * delete can run them; neither takes a lock for the same reason. They cannot race with prune's
 * deletions: undelete refuses a snapshot whose delay has ended, and prune removes no other.
 */
public final class Retention {
    /**
     * How far back the bulk-deletion guard of forget looks: snapshots forgotten within it
     * count as forgotten by the run being judged.
     */
    public static final Duration GUARD_WINDOW = Duration.ofHours(24);

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final ObjectStore store;
    private final SnapshotStore snapshots;
    private final DeletionRecords records;
    private final Clock clock;
    private final Duration delay;
    private final String repositoryId;

    /**
     * @param delay the deletion delay in effect on this host
     * @param repositoryId the repository's ID, which log lines start with
     */
    public Retention(ObjectStore store, Keyring keyring, Clock clock, Duration delay,
            String repositoryId) {
        this.store = store;
        this.snapshots = new SnapshotStore(store, keyring);
        this.records = new DeletionRecords(store, keyring);
        this.clock = clock;
        this.delay = delay;
        this.repositoryId = repositoryId;
    }

    /** Lists the snapshots that are not forgotten, oldest first. */
    public List<SnapshotInfo> live() throws RepositoryException {
        DeletionLedger ledger = ledger();
        return snapshots.list().stream().filter(s -> !ledger.forgotten(s.id())).toList();
    }

    /** Lists the forgotten snapshots that still exist, oldest first. */
    public List<DeletedSnapshot> deleted() throws RepositoryException {
        DeletionLedger ledger = ledger();
        List<DeletedSnapshot> deleted = new ArrayList<>();
        for (SnapshotInfo snapshot : snapshots.list()) {
            deletedState(snapshot, ledger).ifPresent(deleted::add);
        }
        return deleted;
    }

    /**
     * Lists the snapshots whose newest record is a forget at least the deletion delay old,
     * sorted by ID. Records of a snapshot object that no longer exists are left out; a
     * snapshot object that exists but cannot be read is included, because its records
     * alone decide.
     */
    public List<RemovableSnapshot> removable() throws RepositoryException {
        DeletionLedger ledger = ledger();
        Set<String> existing;
        try {
            existing = new HashSet<>(store.list(ObjectKind.SNAPSHOT));
        } catch (StorageException e) {
            throw failure("listing snapshots", e);
        }
        Instant now = clock.instant();
        List<RemovableSnapshot> removable = new ArrayList<>();
        for (String id : ledger.snapshotIds()) {
            Optional<StoredRecord> newest = ledger.newest(id);
            if (existing.contains(id) && newest.get().isForget()
                    && !now.isBefore(newest.get().time().plus(delay))) {
                removable.add(new RemovableSnapshot(id, ledger.recordKeys(id)));
            }
        }
        removable.sort(Comparator.comparing(RemovableSnapshot::snapshotId));
        return removable;
    }

    /**
     * Returns the keys of deletion records that name a snapshot object which no longer exists,
     * left by a prune that removed the snapshot but stopped before its records. Deleting one
     * of a snapshot that still exists would only make it live again, the safe direction.
     */
    public List<String> orphanRecordKeys() throws RepositoryException {
        DeletionLedger ledger = ledger();
        Set<String> existing;
        try {
            existing = new HashSet<>(store.list(ObjectKind.SNAPSHOT));
        } catch (StorageException e) {
            throw failure("listing snapshots", e);
        }
        List<String> orphans = new ArrayList<>();
        for (String id : ledger.snapshotIds()) {
            if (!existing.contains(id)) {
                orphans.addAll(ledger.recordKeys(id));
            }
        }
        return orphans;
    }

    /** Returns the names of deletion records that cannot be read or authenticated. */
    public List<String> damagedRecords() throws RepositoryException {
        try {
            return records.list().damaged();
        } catch (StorageException e) {
            throw failure("listing deletion records", e);
        }
    }

    /**
     * Forgets the snapshots named by full ID or unique prefix. Every name is resolved, and the
     * pinned tags and the bulk-deletion guard checked, before the first record is written.
     *
     * @throws BulkDeletionException when the guard stops the run; nothing is written
     * @throws RepositoryException when a name matches no snapshot or a snapshot is pinned
     */
    public ForgetResult forget(List<String> idsOrPrefixes, ForgetOptions options)
            throws RepositoryException {
        SnapshotStore.Listing listing = snapshots.listAll();
        DeletionLedger ledger = ledger();
        Map<String, SnapshotInfo> named = new LinkedHashMap<>();
        for (String idOrPrefix : idsOrPrefixes) {
            SnapshotInfo snapshot = SnapshotStore.find(idOrPrefix, listing);
            named.put(snapshot.id(), snapshot);
        }
        rejectPinned(named.values(), options.pinnedTags());
        List<SnapshotInfo> toForget = new ArrayList<>();
        List<DeletedSnapshot> already = new ArrayList<>();
        for (SnapshotInfo snapshot : named.values()) {
            deletedState(snapshot, ledger).ifPresentOrElse(already::add,
                    () -> toForget.add(snapshot));
        }
        BulkDeletionGuard.Verdict verdict = judge(toForget.size(), options.guard(), listing,
                ledger);
        checkGuard(verdict, toForget.size());
        for (int i = 0; i < toForget.size(); i++) {
            SnapshotInfo snapshot = toForget.get(i);
            try {
                write(snapshot.id(), DeletionRecord.FORGET, ledger, options.reason());
            } catch (StorageException e) {
                throw failure("forgetting snapshot " + snapshot.shortId() + " (after " + i
                        + " of " + toForget.size() + " were forgotten)", e);
            }
            LOG.info("repository {}: forgot snapshot {}", repositoryId, snapshot.id());
        }
        return new ForgetResult(toForget, already, verdict);
    }

    /**
     * Judges a forget of {@code count} snapshots as {@link #forget} does, so that a dry run
     * predicts whether the guard stops the real run.
     */
    public BulkDeletionGuard.Verdict judge(int count, BulkDeletionGuard guard)
            throws RepositoryException {
        return judge(count, guard, snapshots.listAll(), ledger());
    }

    private BulkDeletionGuard.Verdict judge(int count, BulkDeletionGuard guard,
            SnapshotStore.Listing listing, DeletionLedger ledger) {
        long live = listing.snapshots().stream().filter(s -> !ledger.forgotten(s.id())).count();
        // Snapshots forgotten within the guard's window count as part of this run, so that
        // several runs in a row cannot each forget just under the share.
        Instant windowStart = clock.instant().minus(GUARD_WINDOW);
        long recent = 0;
        for (SnapshotInfo snapshot : listing.snapshots()) {
            Optional<DeletedSnapshot> state = deletedState(snapshot, ledger);
            if (state.isPresent() && state.get().forgottenAt().isAfter(windowStart)) {
                recent++;
            }
        }
        return guard.judge(count + recent, live + recent);
    }

    /**
     * Returns the guard's count in words: the run's own snapshots and, when the verdict counts
     * more, the ones forgotten within {@link #GUARD_WINDOW}.
     */
    public static String describe(BulkDeletionGuard.Verdict verdict, long count) {
        String limit = " (" + BulkDeletionGuard.Verdict.percent(verdict.share())
                + "), more than the bulk-deletion share of "
                + BulkDeletionGuard.Verdict.percent(verdict.maxShare());
        long recent = verdict.amount() - count;
        if (recent <= 0) {
            return "this run would forget " + verdict.amount() + " of " + verdict.total()
                    + " live snapshots" + limit;
        }
        return "this run would forget " + count + (count == 1 ? " snapshot" : " snapshots")
                + ", and the " + recent + " forgotten in the last " + GUARD_WINDOW.toHours()
                + " hours count with it: " + verdict.amount() + " of " + verdict.total()
                + " live or recently forgotten snapshots" + limit;
    }

    /**
     * Undeletes a forgotten snapshot, named by full ID or unique prefix, while its deletion
     * delay lasts: up to the last instant before it becomes removable.
     *
     * @throws RepositoryException when the snapshot is not forgotten, or its delay has ended
     */
    public SnapshotInfo undelete(String idOrPrefix) throws RepositoryException {
        SnapshotInfo snapshot = snapshots.find(idOrPrefix);
        DeletionLedger ledger = ledger();
        Optional<DeletedSnapshot> deleted = deletedState(snapshot, ledger);
        if (deleted.isEmpty()) {
            throw new RepositoryException(Reason.GENERAL, "snapshot " + snapshot.shortId()
                    + " is not forgotten, so there is nothing to undelete; list forgotten "
                    + "snapshots with `holdfast snapshots --deleted`");
        }
        Instant removableAt = deleted.get().removableAt();
        if (!clock.instant().isBefore(removableAt)) {
            throw new RepositoryException(Reason.GENERAL, "snapshot " + snapshot.shortId()
                    + " cannot be undeleted: it was forgotten at " + deleted.get().forgottenAt()
                    + " and its deletion delay of " + format(delay) + " ended at " + removableAt
                    + ", so prune may already have removed its data");
        }
        try {
            write(snapshot.id(), DeletionRecord.UNDELETE, ledger, "");
        } catch (StorageException e) {
            throw failure("undeleting snapshot " + snapshot.shortId(), e);
        }
        LOG.info("repository {}: undeleted snapshot {}", repositoryId, snapshot.id());
        return snapshot;
    }

    private void checkGuard(BulkDeletionGuard.Verdict verdict, long count)
            throws BulkDeletionException {
        if (!verdict.exceedsShare()) {
            return;
        }
        String counts = describe(verdict, count);
        if (verdict.confirmed()) {
            LOG.warn("repository {}: {}, as confirmed", repositoryId, counts);
            return;
        }
        LOG.warn("repository {}: bulk deletion stopped: {}; nothing was forgotten",
                repositoryId, counts);
        throw new BulkDeletionException(verdict, "bulk deletion stopped: " + counts
                + "; nothing was forgotten");
    }

    private static void rejectPinned(Iterable<SnapshotInfo> named, Set<String> pinned)
            throws RepositoryException {
        List<String> problems = new ArrayList<>();
        for (SnapshotInfo snapshot : named) {
            snapshot.tags().stream().filter(pinned::contains).findFirst().ifPresent(tag ->
                    problems.add("snapshot " + snapshot.shortId() + " has the pinned tag \""
                            + tag + "\""));
        }
        if (!problems.isEmpty()) {
            throw new RepositoryException(Reason.GENERAL, String.join(", ", problems)
                    + "; a pinned snapshot is never forgotten, so nothing was forgotten. Remove "
                    + "the tag from pin-tags in the configuration to forget it");
        }
    }

    /**
     * Writes a record one nanosecond after the snapshot's newest record when the clock is
     * behind it, as on a host whose clock is slow, so the new record is the newest.
     */
    private void write(String snapshotId, String action, DeletionLedger ledger, String reason)
            throws StorageException {
        Instant time = clock.instant();
        Optional<StoredRecord> newest = ledger.newest(snapshotId);
        if (newest.isPresent() && !time.isAfter(newest.get().time())) {
            time = newest.get().time().plusNanos(1);
        }
        records.write(new DeletionRecord(1, Hex.decode(snapshotId), action,
                DeletionRecords.format(time), hostName(), System.getProperty("user.name", ""),
                reason));
    }

    private Optional<DeletedSnapshot> deletedState(SnapshotInfo snapshot, DeletionLedger ledger) {
        Optional<StoredRecord> newest = ledger.newest(snapshot.id());
        if (newest.isEmpty() || !newest.get().isForget()) {
            return Optional.empty();
        }
        StoredRecord forget = newest.get();
        DeletionRecord record = forget.record();
        return Optional.of(new DeletedSnapshot(snapshot, forget.time(),
                forget.time().plus(delay), record.host(), record.user(), record.reason()));
    }

    private DeletionLedger ledger() throws RepositoryException {
        try {
            return new DeletionLedger(records.list().records());
        } catch (StorageException e) {
            throw failure("listing deletion records", e);
        }
    }

    private static RepositoryException failure(String operation, StorageException e) {
        return new RepositoryException(e.kind() == StorageException.Kind.NOT_FOUND
                ? Reason.NOT_FOUND : Reason.GENERAL, operation + " failed: " + e.getMessage(), e);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** Formats a duration in the largest whole unit of d, h, m or s, such as 30d or 36h. */
    public static String format(Duration duration) {
        long seconds = duration.getSeconds();
        if (duration.getNano() != 0) {
            return duration.toMillis() + "ms";
        }
        if (seconds != 0 && seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds != 0 && seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds != 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
