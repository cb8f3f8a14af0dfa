package dev.holdfast.repository.prune;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How a prune runs.
 *
 * @param repackThreshold a pack whose unused share of bytes exceeds this (0 to 1) is repacked
 * @param dryRun plan and report, but write and delete nothing
 * @param bulkDeletionShare the share (0 to 1) of the stored pack bytes that a prune may free
 *     without {@code confirmBulkDeletion}
 * @param confirmBulkDeletion free more than {@code bulkDeletionShare} if the plan says so
 * @param lockWait how long the deletion phase waits for the exclusive lock
 * @param kept IDs of forgotten snapshots that this prune must not remove even when their
 *     deletion delay has passed, such as those of a source frozen after a bulk deletion
 */
public record PruneOptions(double repackThreshold, boolean dryRun, double bulkDeletionShare,
        boolean confirmBulkDeletion, Duration lockWait, Set<String> kept) {
    /**
     * Repacking a pack whose unused share is {@code u} copies {@code 1 - u} of it to free
     * {@code u}. At one half, a repack never writes more bytes than it frees, and no pack keeps
     * more unused bytes than used ones.
     */
    public static final double DEFAULT_REPACK_THRESHOLD = 0.5;
    public static final double DEFAULT_BULK_DELETION_SHARE = 0.5;
    /** Backups that meet the exclusive lock wait as long, so a prune that waits this long meets them. */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofMinutes(15);

    public PruneOptions {
        Objects.requireNonNull(lockWait, "lockWait");
        kept = Set.copyOf(kept);
        if (!(repackThreshold >= 0 && repackThreshold <= 1)) {
            throw new IllegalArgumentException("repack threshold " + repackThreshold
                    + " is not between 0 and 1 (0% and 100%)");
        }
        if (!(bulkDeletionShare > 0 && bulkDeletionShare <= 1)) {
            throw new IllegalArgumentException("bulk-deletion share " + bulkDeletionShare
                    + " is not above 0 and at most 1 (100%)");
        }
        if (lockWait.isNegative()) {
            throw new IllegalArgumentException("lock wait " + lockWait + " is negative");
        }
    }

    /** Creates options that may remove every forgotten snapshot whose delay has passed. */
    public PruneOptions(double repackThreshold, boolean dryRun, double bulkDeletionShare,
            boolean confirmBulkDeletion, Duration lockWait) {
        this(repackThreshold, dryRun, bulkDeletionShare, confirmBulkDeletion, lockWait, Set.of());
    }

    /** Returns the defaults: repack above 50% unused, stop above 50% freed, wait 15 minutes. */
    public static PruneOptions defaults() {
        return new PruneOptions(DEFAULT_REPACK_THRESHOLD, false, DEFAULT_BULK_DELETION_SHARE,
                false, DEFAULT_LOCK_WAIT);
    }

    public PruneOptions withRepackThreshold(double value) {
        return new PruneOptions(value, dryRun, bulkDeletionShare, confirmBulkDeletion, lockWait,
                kept);
    }

    public PruneOptions withDryRun(boolean value) {
        return new PruneOptions(repackThreshold, value, bulkDeletionShare, confirmBulkDeletion,
                lockWait, kept);
    }

    public PruneOptions withBulkDeletion(double share, boolean confirm) {
        return new PruneOptions(repackThreshold, dryRun, share, confirm, lockWait, kept);
    }

    public PruneOptions withLockWait(Duration value) {
        return new PruneOptions(repackThreshold, dryRun, bulkDeletionShare, confirmBulkDeletion,
                value, kept);
    }

    /** Returns these options with {@code ids} kept; see {@link #kept()}. */
    public PruneOptions withKept(Set<String> ids) {
        return new PruneOptions(repackThreshold, dryRun, bulkDeletionShare, confirmBulkDeletion,
                lockWait, ids);
    }
}
