package dev.holdfast.restoretester;

import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot as the restore tester chooses among them.
 *
 * @param id the snapshot's full ID
 * @param time when its backup started; the newest one's age is the source's data age (RPO)
 * @param files regular files it contains
 * @param bytes logical size of its regular files, the space a restore of files needs
 */
public record SnapshotSummary(String id, Instant time, long files, long bytes) {
    public SnapshotSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
    }
}
