package dev.holdfast.repository.audit;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One entry of the audit trail. Field names are part of the format (CBOR map keys).
 *
 * @param v format version, 1
 * @param seq sequence number, 1 for the first entry; also the entry's key
 * @param prev SHA-256 of the stored bytes of entry {@code seq - 1}, 32 zero bytes for entry 1
 * @param time when the action happened, ISO-8601 UTC
 * @param host host that ran the action
 * @param user OS user that ran it
 * @param action what was done, such as {@code backup} or {@code key-add}
 * @param details facts of the action as text, such as the snapshot ID; never a secret
 */
public record AuditEntry(int v, long seq, byte[] prev, String time, String host, String user,
        String action, Map<String, String> details) {
    public static final int VERSION = 1;
    public static final int HASH_LENGTH = 32;

    public AuditEntry {
        // Sorted keys give each entry one encoding, which the fuzz round trip relies on.
        details = details == null ? null : new TreeMap<>(details);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuditEntry entry && entry.v == v && entry.seq == seq
                && Arrays.equals(entry.prev, prev) && Objects.equals(entry.time, time)
                && Objects.equals(entry.host, host) && Objects.equals(entry.user, user)
                && Objects.equals(entry.action, action)
                && Objects.equals(entry.details, details);
    }

    @Override
    public int hashCode() {
        return Objects.hash(v, seq, Arrays.hashCode(prev), time, host, user, action, details);
    }
}
