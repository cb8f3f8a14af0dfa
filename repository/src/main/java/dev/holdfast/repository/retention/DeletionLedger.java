package dev.holdfast.repository.retention;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The deletion records of a repository grouped by snapshot. A snapshot's state is given by its
 * newest record. When a forget and an undelete carry the same time, the undelete counts as the
 * newer, because keeping a snapshot can be undone and removing it cannot.
 */
public final class DeletionLedger {
    /** Orders records oldest first; at equal times a forget comes before an undelete. */
    private static final Comparator<StoredRecord> AGE = Comparator.comparing(StoredRecord::time)
            .thenComparing(record -> record.isForget() ? 0 : 1)
            .thenComparing(StoredRecord::name);

    private final Map<String, List<StoredRecord>> bySnapshot = new HashMap<>();

    public DeletionLedger(List<StoredRecord> records) {
        for (StoredRecord record : records) {
            bySnapshot.computeIfAbsent(record.snapshotId(), id -> new ArrayList<>()).add(record);
        }
        bySnapshot.values().forEach(list -> list.sort(AGE));
    }

    /** Returns the newest record that names {@code snapshotId}, if any does. */
    public Optional<StoredRecord> newest(String snapshotId) {
        List<StoredRecord> records = bySnapshot.get(snapshotId);
        return records == null ? Optional.empty() : Optional.of(records.getLast());
    }

    /** Returns whether the newest record of the snapshot is a forget. */
    public boolean forgotten(String snapshotId) {
        return newest(snapshotId).map(StoredRecord::isForget).orElse(false);
    }

    /** Returns the keys of every record that names the snapshot, oldest first. */
    public List<String> recordKeys(String snapshotId) {
        return bySnapshot.getOrDefault(snapshotId, List.of()).stream()
                .map(StoredRecord::key).toList();
    }

    /** Returns the IDs of every snapshot that some record names. */
    public Set<String> snapshotIds() {
        return Set.copyOf(bySnapshot.keySet());
    }
}
