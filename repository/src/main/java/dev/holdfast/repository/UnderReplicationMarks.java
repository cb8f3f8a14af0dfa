package dev.holdfast.repository;

import dev.holdfast.crypto.Keyring;
import dev.holdfast.repository.index.BlobLoader;
import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.repository.objects.ObjectStore;
import dev.holdfast.repository.placement.ExpectedObjects;
import dev.holdfast.repository.placement.PlacementReport;
import dev.holdfast.repository.snapshot.ReplicationRecords;
import dev.holdfast.repository.snapshot.SnapshotStore;
import dev.holdfast.repository.tree.TreeWalker;
import dev.holdfast.storage.StorageException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The under-replicated marks of snapshots: which of them are out of date because every object
 * the snapshot references now meets placement, and the replication records that supersede
 * them. The mark itself cannot change, because it is part of the immutable snapshot object.
 */
final class UnderReplicationMarks {
    private static final Logger LOG = LoggerFactory.getLogger(UnderReplicationMarks.class);

    private final ObjectStore store;
    private final Keyring keyring;
    private final SnapshotStore snapshots;
    private final TreeWalker trees;

    UnderReplicationMarks(ObjectStore store, Keyring keyring, BlobLoader blobs) {
        this.store = store;
        this.keyring = keyring;
        this.snapshots = new SnapshotStore(store, keyring);
        this.trees = new TreeWalker(blobs);
    }

    /** Returns the IDs of the snapshots that are marked and that no record supersedes. */
    List<String> marked() throws RepositoryException {
        return snapshots.list().stream().filter(SnapshotInfo::underReplicated)
                .map(SnapshotInfo::id).toList();
    }

    /**
     * Returns those of {@code marked} whose every object meets placement: the snapshot object,
     * the packs of its trees and file content, and the objects that every snapshot needs
     * (config objects, key slots, keyrings and all index files, since any index file may list
     * a blob of the snapshot). An object that {@code expected} lacks was not checked, so a
     * snapshot with such an object, or with a tree that cannot be read, is left out.
     */
    List<String> healed(List<String> marked, ExpectedObjects expected,
            PlacementReport placement) {
        Set<String> failing = placement.failing();
        boolean sharedFail = expected.keys().stream()
                .anyMatch(key -> neededByEverySnapshot(key) && failing.contains(key));
        if (sharedFail) {
            return List.of();
        }
        List<String> healed = new ArrayList<>();
        for (String id : marked) {
            if (meetsPlacement(id, expected, failing)) {
                healed.add(id);
            }
        }
        return healed;
    }

    /** Writes a replication record for each snapshot; returns the IDs whose record was stored. */
    List<String> record(List<String> healed) {
        ReplicationRecords records = new ReplicationRecords(store, keyring);
        Instant now = Instant.now();
        List<String> written = new ArrayList<>();
        for (String id : healed) {
            try {
                records.write(id, now);
                written.add(id);
                LOG.info("snapshot {}: every object meets placement, wrote a replication record",
                        id);
            } catch (StorageException e) {
                LOG.warn("snapshot {}: writing its replication record failed, so it stays marked "
                        + "under-replicated: {}", id, e.getMessage());
            }
        }
        return written;
    }

    private boolean meetsPlacement(String id, ExpectedObjects expected, Set<String> failing) {
        Set<String> keys = new HashSet<>();
        keys.add(ObjectKind.SNAPSHOT.key(id));
        try {
            for (String pack : trees.packs(snapshots.rootTree(id))) {
                keys.add(ObjectKind.PACK.key(pack));
            }
        } catch (RepositoryException e) {
            LOG.debug("snapshot {}: objects not found, keeping its mark: {}", id, e.getMessage());
            return false;
        }
        return keys.stream().allMatch(key -> expected.contains(key) && !failing.contains(key));
    }

    private static boolean neededByEverySnapshot(String key) {
        return !key.startsWith(ObjectKind.PACK.prefix())
                && !key.startsWith(ObjectKind.SNAPSHOT.prefix())
                && !key.startsWith(ObjectKind.REPLICATED.prefix())
                && !key.startsWith(ObjectKind.DELETED.prefix());
    }
}
