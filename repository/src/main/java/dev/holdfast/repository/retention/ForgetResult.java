package dev.holdfast.repository.retention;

import dev.holdfast.repository.SnapshotInfo;
import java.util.List;

/**
 * What a forget did.
 *
 * @param forgotten the snapshots it wrote a forget record for
 * @param alreadyForgotten the snapshots named that were forgotten before; nothing was
 *     written for them
 * @param verdict the bulk-deletion guard's judgement of the run
 */
public record ForgetResult(List<SnapshotInfo> forgotten, List<DeletedSnapshot> alreadyForgotten,
        BulkDeletionGuard.Verdict verdict) {
    public ForgetResult {
        forgotten = List.copyOf(forgotten);
        alreadyForgotten = List.copyOf(alreadyForgotten);
    }
}
