package dev.holdfast.repository.retention;

import java.util.List;

/**
 * A snapshot whose newest deletion record is a forget older than the deletion delay, which
 * prune may remove together with its deletion records.
 *
 * @param snapshotId full hex ID of the snapshot
 * @param recordKeys provider keys of every deletion record that names it, oldest first
 */
public record RemovableSnapshot(String snapshotId, List<String> recordKeys) {
    public RemovableSnapshot {
        recordKeys = List.copyOf(recordKeys);
    }
}
