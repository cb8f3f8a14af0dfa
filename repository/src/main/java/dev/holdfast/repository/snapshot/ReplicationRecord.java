package dev.holdfast.repository.snapshot;

/**
 * The content of a replication record: it states that every object a snapshot references met
 * the placement rules at {@code time}. It supersedes the snapshot's under-replicated mark,
 * which cannot be removed because the snapshot object is immutable. Field names are part of
 * the format (CBOR map keys).
 *
 * @param v format version, 1
 * @param snapshot the snapshot's ID (32 bytes)
 * @param time when placement was confirmed, ISO-8601 UTC
 */
public record ReplicationRecord(int v, byte[] snapshot, String time) {
}
