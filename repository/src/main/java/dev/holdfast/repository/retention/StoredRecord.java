package dev.holdfast.repository.retention;

import dev.holdfast.repository.objects.Hex;
import dev.holdfast.repository.objects.ObjectKind;
import java.time.Instant;

/**
 * A deletion record as read from the repository.
 *
 * @param name the object name, the hex SHA-256 of its bytes
 * @param record the decoded content
 * @param time the record's time, parsed
 */
public record StoredRecord(String name, DeletionRecord record, Instant time) {
    public String snapshotId() {
        return Hex.encode(record.snapshot());
    }

    /** Returns the provider key of the record, such as {@code deleted/ab12...}. */
    public String key() {
        return ObjectKind.DELETED.key(name);
    }

    public boolean isForget() {
        return record.isForget();
    }
}
