package dev.holdfast.orchestrator.catalog;

import dev.holdfast.repository.SnapshotInfo;
import java.time.Instant;

/**
 * A snapshot summary as the catalog caches it.
 *
 * @param repositoryId the repository that holds the snapshot
 * @param snapshot the summary, as the repository lists it
 * @param forgottenAt when it was forgotten, or null for a live snapshot
 * @param removableAt when prune may remove it, or null for a live snapshot
 */
public record CachedSnapshot(String repositoryId, SnapshotInfo snapshot, Instant forgottenAt,
        Instant removableAt) {
    /** Returns whether the snapshot is forgotten and waits out its deletion delay. */
    public boolean forgotten() {
        return forgottenAt != null;
    }
}
