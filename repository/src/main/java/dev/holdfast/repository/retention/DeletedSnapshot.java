package dev.holdfast.repository.retention;

import dev.holdfast.repository.SnapshotInfo;
import java.time.Instant;

/**
 * A forgotten snapshot: still stored and restorable, and undeletable until
 * {@code removableAt}.
 *
 * @param snapshot the snapshot
 * @param forgottenAt time of the forget record that is the snapshot's newest record
 * @param removableAt the first instant at which prune may remove it: {@code forgottenAt} plus
 *     the deletion delay in effect
 * @param host host that forgot it
 * @param user OS user that forgot it
 * @param reason reason given when it was forgotten; may be empty
 */
public record DeletedSnapshot(SnapshotInfo snapshot, Instant forgottenAt, Instant removableAt,
        String host, String user, String reason) {
}
