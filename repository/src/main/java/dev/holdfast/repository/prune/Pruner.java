package dev.holdfast.repository.prune;

import dev.holdfast.crypto.Keyring;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.RepositoryException.Reason;
import dev.holdfast.repository.index.BlobLoader;
import dev.holdfast.repository.index.Index;
import dev.holdfast.repository.lock.Lock;
import dev.holdfast.repository.lock.LockManager;
import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.repository.objects.ObjectStore;
import dev.holdfast.repository.prune.PackPlan.Fate;
import dev.holdfast.repository.prune.PruneReport.Locked;
import dev.holdfast.repository.retention.BulkDeletionException;
import dev.holdfast.repository.retention.BulkDeletionGuard;
import dev.holdfast.repository.snapshot.SnapshotStore;
import dev.holdfast.repository.tree.TreeWalker;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.StorageException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes snapshots and the data only they need, in two phases (decision 12). Phase 1, under
 * a shared lock beside running backups, marks the live blobs, decides the fate of each pack and
 * writes the new packs of repacking with their index files; it deletes nothing. Phase 2, under
 * the exclusive lock, reads the repository again, marks the snapshots written meanwhile, and
 * deletes: snapshot objects, then superseded index files once their replacements are stored,
 * then packs, then the caller's extra keys. A process killed at any point leaves only objects
 * that nothing needs, which the next prune removes.
 */
public final class Pruner {
    private static final Logger LOG = LoggerFactory.getLogger(Pruner.class);

    private final ObjectStore store;
    private final Keyring keyring;
    private final List<Provider> providers;
    private final LockManager locks;
    private final int compressionLevel;
    private final int packTarget;
    private final Clock clock;
    private volatile PruneStep.Listener listener = step -> { };

    /**
     * @param providers every provider of the repository, listed one by one for object-lock
     *     dates; {@code store} reaches all of them
     * @param clock judges object-lock dates
     */
    public Pruner(ObjectStore store, Keyring keyring, List<Provider> providers, LockManager locks,
            int compressionLevel, int packTarget, Clock clock) {
        this.store = store;
        this.keyring = keyring;
        this.providers = List.copyOf(providers);
        this.locks = locks;
        this.compressionLevel = compressionLevel;
        this.packTarget = packTarget;
        this.clock = clock;
    }

    /** Calls {@code listener} at each {@link PruneStep}; for tests that stop a prune there. */
    public void onStep(PruneStep.Listener listener) {
        this.listener = listener;
    }

    /** Runs both phases, or only the planning of phase 1 for a dry run. */
    public PruneReport run(Set<String> snapshots, List<String> extraKeys, PruneOptions options)
            throws RepositoryException {
        Prepared prepared = prepare(snapshots, extraKeys, options);
        return options.dryRun() ? prepared.planReport() : finish(prepared);
    }

    /**
     * Runs phase 1 under a shared lock.
     *
     * @param snapshots IDs of the snapshots to remove; IDs that no longer exist are skipped
     * @param extraKeys keys to delete last, such as the removed snapshots' deletion records;
     *     kept when any of {@code snapshots} stays
     * @throws RepositoryException when a snapshot or index file cannot be read, a snapshot
     *     needs a blob in no index, or the plan exceeds the bulk-deletion share
     */
    public Prepared prepare(Set<String> snapshots, List<String> extraKeys, PruneOptions options)
            throws RepositoryException {
        Prepared prepared;
        try (Lock lock = locks.acquire("prune", false, options.lockWait())) {
            RepositoryState state = RepositoryState.read(store, keyring, providers,
                    clock.instant());
            prepared = new Prepared(options, state, snapshots, extraKeys);
            markLive(prepared, state);
            prepared.plan = PackPlan.make(state, prepared.live, options.repackThreshold());
            guardBulkDeletion(prepared);
            if (!options.dryRun()) {
                Repacker.Result repacked = new Repacker(store, keyring, compressionLevel,
                        packTarget).run(prepared.plan.with(Fate.REPACK));
                prepared.repacked.addAll(repacked.repacked());
                prepared.bytesWritten = repacked.bytesWritten();
            }
            prepared.release();
        } catch (StorageException e) {
            throw new RepositoryException(Reason.GENERAL, "prune: writing repacked data failed: "
                    + e.getMessage() + ". Nothing was deleted; what was written is removed by "
                    + "the next prune", e);
        }
        if (!options.dryRun()) {
            listener.reached(PruneStep.PHASE_ONE_WRITTEN);
        }
        return prepared;
    }

    /**
     * Marks the blobs of every snapshot that stays. The in-memory index it reads trees through
     * is as large as the live set, so it is dropped here, before repacking needs the heap.
     */
    private void markLive(Prepared prepared, RepositoryState state) throws RepositoryException {
        Index index = state.index();
        TreeWalker walker = walker(index);
        for (String id : state.snapshots) {
            if (!prepared.removing.contains(id)) {
                markSnapshot(prepared.live, index, walker, id);
                prepared.marked.add(id);
            }
        }
    }

    TreeWalker walker(Index index) {
        return new TreeWalker(new BlobLoader(store.provider(), keyring, index));
    }

    /** Marks the blobs of snapshot {@code id}, reading its trees through {@code index}. */
    void markSnapshot(LiveBlobs live, Index index, TreeWalker walker, String id)
            throws RepositoryException {
        var root = new SnapshotStore(store, keyring).rootTree(id);
        live.mark(id.substring(0, 8), root, walker, index);
    }

    private void guardBulkDeletion(Prepared prepared) throws RepositoryException {
        long stored = prepared.state().packSizes.values().stream().mapToLong(Long::longValue).sum();
        long freed = Math.max(0, prepared.plan.bytesToDelete() - prepared.plan.bytesToCopy());
        PruneOptions options = prepared.options;
        BulkDeletionGuard.Verdict verdict = new BulkDeletionGuard(options.bulkDeletionShare(),
                options.confirmBulkDeletion()).judge(freed, stored);
        if (!verdict.exceedsShare()) {
            return;
        }
        int removing = prepared.removing.size();
        String message = String.format(Locale.ROOT, "prune would free %s of the %s stored in "
                + "packs (%s), more than the bulk-deletion share of %s, removing %s",
                mebibytes(freed), mebibytes(stored), BulkDeletionGuard.Verdict.percent(
                verdict.share()), BulkDeletionGuard.Verdict.percent(verdict.maxShare()),
                removing == 0 ? "no snapshot" : removing == 1 ? "1 snapshot"
                        : removing + " snapshots");
        // A prune run again after a failed or killed one frees mostly such packs, so the
        // message names them rather than leaving the operator to look for snapshots.
        long unindexed = prepared.plan.with(PackPlan.Fate.DELETE).stream()
                .filter(d -> !prepared.state().indexed(d.pack())).mapToLong(PackPlan.Decision::size)
                .sum();
        if (unindexed > 0) {
            message += "; " + mebibytes(unindexed) + " of it is in packs that no index file "
                    + "lists, left by an interrupted backup or prune";
        }
        LOG.warn("{}", message);
        if (options.dryRun()) {
            prepared.warnings.add(message);
        } else if (verdict.stops()) {
            throw new BulkDeletionException(verdict, message + ". Nothing was written or "
                    + "deleted. If that is intended, run `holdfast prune "
                    + "--confirm-bulk-deletion`");
        }
    }

    static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    /**
     * Runs phase 2: waits up to the configured time for the exclusive lock, then deletes.
     *
     * @throws RepositoryException with reason LOCKED when the lock stays taken, saying what
     *     phase 1 wrote
     */
    public PruneReport finish(Prepared prepared) throws RepositoryException {
        Lock lock;
        try {
            lock = locks.acquire("prune", true, prepared.options.lockWait());
        } catch (RepositoryException e) {
            if (e.reason() != Reason.LOCKED) {
                throw e;
            }
            throw new RepositoryException(Reason.LOCKED, "prune waited "
                    + prepared.options.lockWait() + " for the exclusive lock without getting it: "
                    + e.getMessage() + " Phase 1 wrote " + prepared.repacked.size()
                    + " repacked packs' live blobs into new packs (" + mebibytes(
                    prepared.bytesWritten) + ") with their index files; nothing was deleted. "
                    + "A later `holdfast prune` deletes the rest", e);
        }
        try (lock) {
            listener.reached(PruneStep.EXCLUSIVE_LOCK_TAKEN);
            return new DeletionPhase(this, prepared).run();
        }
    }

    ObjectStore store() {
        return store;
    }

    Keyring keyring() {
        return keyring;
    }

    RepositoryState readState() throws RepositoryException {
        return RepositoryState.read(store, keyring, providers, clock.instant());
    }

    void reached(PruneStep step) {
        listener.reached(step);
    }

    /** The plan of phase 1 and what it wrote, handed to phase 2. */
    public static final class Prepared {
        final PruneOptions options;
        /** Phase 1's view; dropped when phase 1 ends, as phase 2 reads its own. */
        private RepositoryState state;
        /** The packs that an index file listed in phase 1. */
        final Set<String> indexedInPhaseOne = new HashSet<>();
        /** For a dry run: index files that list a pack to delete or repack. */
        private int filesGoing;
        /** Snapshots to delete: asked for, present, and not locked. */
        final Set<String> removing = new TreeSet<>();
        final Set<String> asked;
        final List<String> kept = new ArrayList<>();
        final List<Locked> locked = new ArrayList<>();
        final List<String> extraKeys;
        final LiveBlobs live = new LiveBlobs();
        final Set<String> marked = new HashSet<>();
        final Set<String> repacked = new HashSet<>();
        final List<String> warnings = new ArrayList<>();
        PackPlan plan;
        long bytesWritten;

        Prepared(PruneOptions options, RepositoryState state, Set<String> snapshots,
                List<String> extraKeys) {
            this.options = options;
            this.state = state;
            this.asked = Set.copyOf(snapshots);
            this.extraKeys = List.copyOf(extraKeys);
            for (String id : new TreeSet<>(snapshots)) {
                if (!state.snapshots.contains(id)) {
                    continue;
                }
                var until = state.lockedUntil(ObjectKind.SNAPSHOT.key(id));
                if (until != null) {
                    kept.add(id);
                    locked.add(new Locked(ObjectKind.SNAPSHOT.key(id), until));
                } else {
                    removing.add(id);
                }
            }
        }

        /**
         * Keeps what phase 2 and a dry run's report need of phase 1's view and drops the rest:
         * two views of a large repository at once would not fit the launcher's heap.
         */
        void release() {
            state.indexedPacks.keySet().forEach(indexedInPhaseOne::add);
            Set<String> going = new HashSet<>();
            plan.decisions.values().stream().filter(d -> d.fate() == Fate.DELETE
                    || d.fate() == Fate.REPACK).forEach(d -> going.add(d.pack()));
            filesGoing = (int) state.indexFiles.values().stream().filter(packs -> packs.stream()
                    .anyMatch(p -> going.contains(p.name()))).count();
            state = null;
        }

        RepositoryState state() {
            return state;
        }

        /** Returns what phase 2 would do if nothing changed meanwhile, for a dry run. */
        PruneReport planReport() {
            List<Locked> all = new ArrayList<>(locked);
            plan.with(Fate.LOCKED).forEach(d -> all.add(new Locked(ObjectKind.PACK.key(d.pack()),
                    d.lockedUntil())));
            return new PruneReport(true, List.copyOf(removing), kept,
                    plan.with(Fate.DELETE).size(), plan.with(Fate.REPACK).size(), all,
                    plan.bytesToDelete(), plan.bytesToCopy(), filesGoing, List.of(), warnings);
        }
    }
}
