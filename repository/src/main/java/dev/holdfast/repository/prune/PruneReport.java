package dev.holdfast.repository.prune;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a prune did, or with {@code dryRun} what it would do.
 *
 * @param dryRun true when nothing was written or deleted
 * @param snapshotsRemoved IDs of the snapshot objects deleted
 * @param snapshotsKept IDs of snapshots asked for but kept: locked by object lock, or a delete
 *     failed on some provider
 * @param packsDeleted packs deleted that held no live blob, unindexed packs included
 * @param packsRepacked packs whose live blobs were copied into new packs, then deleted
 * @param locked objects that prune would delete but that object lock keeps
 * @param bytesDeleted stored bytes of the packs deleted
 * @param bytesWritten bytes of the new packs written by repacking
 * @param indexFilesRewritten index files replaced by ones without the deleted packs
 * @param failedDeletions keys whose delete failed on some provider, each with the reason; the
 *     next prune deletes them
 * @param warnings what the operator should know, such as a dry run above the bulk-deletion
 *     share, or deletions skipped to stay safe
 */
public record PruneReport(boolean dryRun, List<String> snapshotsRemoved,
        List<String> snapshotsKept, int packsDeleted, int packsRepacked, List<Locked> locked,
        long bytesDeleted, long bytesWritten, int indexFilesRewritten,
        List<String> failedDeletions, List<String> warnings) {

    public PruneReport {
        snapshotsRemoved = List.copyOf(snapshotsRemoved);
        snapshotsKept = List.copyOf(snapshotsKept);
        locked = List.copyOf(locked);
        failedDeletions = List.copyOf(failedDeletions);
        warnings = List.copyOf(warnings);
    }

    /**
     * An object kept because object lock forbids its deletion.
     *
     * @param key the object's key
     * @param until when the last provider holding a copy allows its deletion
     */
    public record Locked(String key, Instant until) {
    }

    /** Returns the bytes the repository shrank by: deleted minus written. */
    public long bytesFreed() {
        return bytesDeleted - bytesWritten;
    }

    /** Returns the packs kept locked. */
    public long packsLocked() {
        return locked.stream().filter(l -> l.key().startsWith("data/")).count();
    }

    /** Returns when the last locked object becomes deletable, or empty when none is locked. */
    public Optional<Instant> lockedUntil() {
        return locked.stream().map(Locked::until).max(Comparator.naturalOrder());
    }
}
