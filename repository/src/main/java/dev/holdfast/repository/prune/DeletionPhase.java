package dev.holdfast.repository.prune;

import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.index.BlobIdSet;
import dev.holdfast.repository.index.Index;
import dev.holdfast.repository.index.IndexFile;
import dev.holdfast.repository.index.IndexedPack;
import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.repository.pack.BlobId;
import dev.holdfast.repository.pack.PackedBlob;
import dev.holdfast.repository.placement.ReplicatedProvider;
import dev.holdfast.repository.prune.PackPlan.Fate;
import dev.holdfast.repository.prune.PruneReport.Locked;
import dev.holdfast.repository.snapshot.ReplicationRecords;
import dev.holdfast.repository.tree.TreeWalker;
import dev.holdfast.storage.StorageException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Phase 2 of a prune, run under the exclusive lock. It trusts nothing from phase 1 but the
 * plan: the repository is read again, and a pack is deleted only when every live blob it holds,
 * including those of snapshots written since phase 1, stays in another pack. Each delete that
 * fails keeps whatever depended on it, so a provider that is down keeps its copy and nothing
 * that remains listed points at a deleted object.
 */
final class DeletionPhase {
    private static final Logger LOG = LoggerFactory.getLogger(DeletionPhase.class);
    /** Packs per replacement index file. */
    private static final int PACKS_PER_INDEX = 256;

    private final Pruner pruner;
    private final Pruner.Prepared prepared;
    private final List<String> removed = new ArrayList<>();
    private final List<String> kept;
    private final List<Locked> locked;
    private final List<String> failed = new ArrayList<>();
    private final List<String> warnings;
    private RepositoryState state;
    /**
     * Reads trees for marking. It takes as much heap as the live set, so it is built only when
     * a snapshot has to be marked here, which is rare, and dropped once snapshots are done.
     */
    private Index index;
    private TreeWalker walker;

    DeletionPhase(Pruner pruner, Pruner.Prepared prepared) {
        this.pruner = pruner;
        this.prepared = prepared;
        this.kept = new ArrayList<>(prepared.kept);
        this.locked = new ArrayList<>(prepared.locked);
        this.warnings = new ArrayList<>(prepared.warnings);
    }

    PruneReport run() throws RepositoryException {
        state = pruner.readState();
        for (String id : state.snapshots) {
            if (!prepared.marked.contains(id) && !prepared.removing.contains(id)) {
                // Written by a backup since phase 1; it may reuse any blob the index listed.
                mark(id);
            }
        }
        boolean packsSafe = deleteSnapshots();
        index = null;
        walker = null;
        pruner.reached(PruneStep.SNAPSHOTS_DELETED);
        Set<String> doomed = packsSafe ? doomedPacks() : new TreeSet<>();
        Set<String> superseded = supersededFiles(doomed);
        int rewritten = rewriteIndex(superseded, doomed);
        Deleted packs = deletePacks(doomed);
        deleteExtraKeys();
        pruner.reached(PruneStep.DONE);
        LOG.info("prune: removed {} snapshots, deleted {} packs and repacked {}, freed {}",
                removed.size(), packs.deleted, packs.repacked, Pruner.mebibytes(packs.bytes
                        - prepared.bytesWritten));
        return new PruneReport(false, removed, kept, packs.deleted, packs.repacked, locked,
                packs.bytes, prepared.bytesWritten, rewritten, failed, warnings);
    }

    /**
     * Deletes the removed snapshots and their replication records. A snapshot whose delete
     * fails, or that object lock now holds, stays, so its blobs are marked live again.
     *
     * @return false when such a snapshot cannot be read, so no pack may be deleted
     */
    private boolean deleteSnapshots() {
        Map<String, List<String>> records = recordsBySnapshot();
        prepared.removing.forEach(id -> records.putIfAbsent(id, new ArrayList<>()));
        boolean safe = true;
        for (String id : prepared.removing) {
            String key = ObjectKind.SNAPSHOT.key(id);
            if (!state.snapshots.contains(id)) {
                removed.add(id);
            } else if (lock(key) || !delete(key)) {
                kept.add(id);
                safe &= markKept(id);
                continue;
            } else {
                removed.add(id);
            }
            for (String record : records.remove(id)) {
                delete(ObjectKind.REPLICATED.key(record));
            }
        }
        // Records of snapshots removed earlier: a record is written only after its snapshot,
        // and no repair runs beside the exclusive lock, so these name nothing that can return.
        records.forEach((snapshot, names) -> {
            if (!state.snapshots.contains(snapshot)) {
                names.forEach(record -> delete(ObjectKind.REPLICATED.key(record)));
            }
        });
        return safe;
    }

    private boolean markKept(String id) {
        try {
            mark(id);
            return true;
        } catch (RepositoryException e) {
            warnings.add("snapshot " + id + " stays, but its data cannot be read (" + e.getMessage()
                    + "), so no pack was deleted");
            return false;
        }
    }

    private void mark(String id) throws RepositoryException {
        if (index == null) {
            index = state.index();
            walker = pruner.walker(index);
        }
        pruner.markSnapshot(prepared.live, index, walker, id);
    }

    private Map<String, List<String>> recordsBySnapshot() {
        Map<String, List<String>> records = new LinkedHashMap<>();
        try {
            new ReplicationRecords(pruner.store(), pruner.keyring()).byRecord().forEach(
                    (record, snapshot) -> records.computeIfAbsent(snapshot,
                            k -> new ArrayList<>()).add(record));
        } catch (StorageException e) {
            warnings.add("listing replication records failed, so those of removed snapshots "
                    + "stay: " + e.getMessage());
        }
        return records;
    }

    /**
     * Returns the packs to delete: those phase 1 planned to delete or repacked, still present,
     * not locked, and not needed to keep any live blob. A pack that was unindexed in phase 1 but
     * is indexed now was being written by a backup and stays.
     */
    private Set<String> doomedPacks() {
        Set<String> doomed = new TreeSet<>();
        for (PackPlan.Decision decision : prepared.plan.decisions.values()) {
            String pack = decision.pack();
            boolean planned = decision.fate() == Fate.DELETE
                    || decision.fate() == Fate.REPACK && prepared.repacked.contains(pack);
            boolean wasUnindexed = !prepared.indexedInPhaseOne.contains(pack);
            if (!planned || !state.packSizes.containsKey(pack)
                    || wasUnindexed && state.indexed(pack)) {
                continue;
            }
            Instant until = PackPlan.lockedUntil(state, pack);
            if (until != null) {
                locked.add(new Locked(ObjectKind.PACK.key(pack), until));
            } else {
                doomed.add(pack);
            }
        }
        BlobId orphan = spareHolders(doomed);
        if (orphan != null) {
            warnings.add("live blob " + orphan.hex() + " is in no index file, so no pack was "
                    + "deleted; run `holdfast check`");
            doomed.clear();
            return doomed;
        }
        for (PackPlan.Decision locked : prepared.plan.with(Fate.LOCKED)) {
            this.locked.add(new Locked(ObjectKind.PACK.key(locked.pack()), locked.lockedUntil()));
        }
        return doomed;
    }

    /**
     * Removes from {@code doomed} the packs needed to keep every live blob: a live blob that
     * only doomed packs hold spares the first of them in index order. Works pack by pack rather
     * than from a map of each blob's packs, which would take more heap than the index.
     *
     * @return a live blob that no index file lists, or null when there is none
     */
    private BlobId spareHolders(Set<String> doomed) {
        LiveBlobs live = prepared.live;
        BlobIdSet held = new BlobIdSet();
        for (IndexedPack pack : state.indexedPacks.values()) {
            if (!doomed.contains(pack.name())) {
                holdLive(pack, live, held);
            }
        }
        for (IndexedPack pack : state.indexedPacks.values()) {
            if (doomed.contains(pack.name()) && holdLive(pack, live, held)) {
                doomed.remove(pack.name());
            }
        }
        if (held.size() == live.size()) {
            return null;
        }
        BlobId[] orphan = new BlobId[1];
        live.forEach(id -> {
            if (orphan[0] == null && !held.contains(id)) {
                orphan[0] = id;
            }
        });
        return orphan[0];
    }

    /** Adds the live blobs of {@code pack} to {@code held}; returns whether any was new. */
    private static boolean holdLive(IndexedPack pack, LiveBlobs live, BlobIdSet held) {
        boolean added = false;
        for (PackedBlob blob : pack.blobs()) {
            if (live.contains(blob.id())) {
                added |= held.add(blob.id());
            }
        }
        return added;
    }

    /**
     * Returns the index files that list a doomed pack. A locked one cannot be deleted, so the
     * packs it lists are spared, which may spare other files in turn.
     */
    private Set<String> supersededFiles(Set<String> doomed) {
        while (true) {
            Set<String> files = new TreeSet<>();
            for (String pack : doomed) {
                files.addAll(state.filesOfPack.getOrDefault(pack, Set.of()));
            }
            boolean spared = false;
            for (String file : files) {
                if (state.lockedUntil(ObjectKind.INDEX.key(file)) != null) {
                    state.indexFiles.get(file).forEach(p -> doomed.remove(p.name()));
                    spared = true;
                }
            }
            if (!spared) {
                return files;
            }
        }
    }

    /**
     * Writes index files listing every pack of the superseded files that stays, then deletes
     * the superseded files. A file whose delete fails still lists its packs, so they stay.
     *
     * @return the number of superseded files deleted
     */
    private int rewriteIndex(Set<String> superseded, Set<String> doomed)
            throws RepositoryException {
        Map<String, IndexedPack> carried = new LinkedHashMap<>();
        for (String file : superseded) {
            for (IndexedPack pack : state.indexFiles.get(file)) {
                if (!doomed.contains(pack.name())) {
                    carried.putIfAbsent(pack.name(), pack);
                }
            }
        }
        List<IndexedPack> packs = new ArrayList<>(carried.values());
        try {
            for (int from = 0; from < packs.size(); from += PACKS_PER_INDEX) {
                List<IndexedPack> batch = packs.subList(from, Math.min(packs.size(),
                        from + PACKS_PER_INDEX));
                pruner.store().put(ObjectKind.INDEX, IndexFile.seal(pruner.keyring(), batch));
            }
        } catch (StorageException e) {
            throw new RepositoryException(RepositoryException.Reason.GENERAL, "prune: writing a "
                    + "replacement index file failed: " + e.getMessage() + ". Snapshots "
                    + removed + " were removed; no index file or pack was deleted. Run "
                    + "`holdfast prune` again", e);
        }
        pruner.reached(PruneStep.REPLACEMENT_INDEX_WRITTEN);
        int deleted = 0;
        for (String file : superseded) {
            if (delete(ObjectKind.INDEX.key(file))) {
                deleted++;
            } else {
                state.indexFiles.get(file).forEach(p -> doomed.remove(p.name()));
            }
        }
        pruner.reached(PruneStep.INDEX_REWRITTEN);
        return deleted;
    }

    private record Deleted(int deleted, int repacked, long bytes) {
    }

    private Deleted deletePacks(Set<String> doomed) {
        int deleted = 0;
        int repacked = 0;
        long bytes = 0;
        for (String pack : doomed) {
            if (delete(ObjectKind.PACK.key(pack))) {
                if (prepared.repacked.contains(pack)) {
                    repacked++;
                } else {
                    deleted++;
                }
                bytes += state.size(pack);
                pruner.reached(PruneStep.PACK_DELETED);
            }
        }
        return new Deleted(deleted, repacked, bytes);
    }

    /**
     * Deletes the caller's extra keys, such as deletion records, but only when every snapshot
     * asked for is gone: a record of a snapshot that stays must stay with it.
     */
    private void deleteExtraKeys() {
        if (prepared.extraKeys.isEmpty()) {
            return;
        }
        if (!kept.isEmpty()) {
            warnings.add(kept.size() + " snapshots stay, so the " + prepared.extraKeys.size()
                    + " extra keys stay too; the next prune deletes them");
            return;
        }
        state.locks.stat(prepared.extraKeys);
        for (String key : prepared.extraKeys) {
            if (!lock(key)) {
                delete(key);
            }
        }
    }

    /** Returns whether object lock holds {@code key}, recording it when it does. */
    private boolean lock(String key) {
        Instant until = state.lockedUntil(key);
        if (until != null) {
            locked.add(new Locked(key, until));
        }
        return until != null;
    }

    private boolean delete(String key) {
        try {
            pruner.store().provider().delete(key);
            return true;
        } catch (StorageException e) {
            String reason = reason(key, e);
            // The report lists the failure, and the command prints it; a WARN would repeat it.
            LOG.info("prune: deleting {} failed: {}", key, reason);
            failed.add(key + ": " + reason);
            return false;
        }
    }

    /**
     * Returns why deleting {@code key} failed, without repeating the key. On several providers
     * the reason names each provider that failed, and the name of the replicating wrapper,
     * which no operator configured, is left out.
     */
    private String reason(String key, StorageException e) {
        if (!key.equals(e.key())) {
            return e.getMessage();
        }
        if (pruner.store().provider() instanceof ReplicatedProvider) {
            return e.detail();
        }
        return "provider \"" + e.provider() + "\": " + e.detail();
    }
}
