package dev.holdfast.repository.retention;

import java.util.Set;

/**
 * How a forget runs.
 *
 * @param reason why, recorded in each deletion record; may be empty
 * @param pinnedTags tags that keep a snapshot whatever else is asked: forgetting a snapshot
 *     that has one fails before anything is written
 * @param guard the bulk-deletion guard, which counts the snapshots the run forgets against
 *     the live snapshots
 */
public record ForgetOptions(String reason, Set<String> pinnedTags, BulkDeletionGuard guard) {
    public ForgetOptions {
        reason = reason == null ? "" : reason;
        pinnedTags = Set.copyOf(pinnedTags);
    }

    /** Returns options with no pinned tags and the default guard, unconfirmed. */
    public static ForgetOptions withReason(String reason) {
        return new ForgetOptions(reason, Set.of(), BulkDeletionGuard.defaults());
    }
}
