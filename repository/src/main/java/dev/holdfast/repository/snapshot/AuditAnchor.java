package dev.holdfast.repository.snapshot;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The newest audit entry when an object was written: its sequence number and the SHA-256 of
 * its stored bytes. A snapshot records it, so that removing an entry that a snapshot names
 * is detected even when the entry was the newest one. Field names are part of the format.
 *
 * @param seq sequence number of the entry, at least 1
 * @param hash SHA-256 of the entry's stored bytes, 32 bytes
 */
public record AuditAnchor(long seq, byte[] hash) {
    public static final int HASH_LENGTH = 32;

    /** Returns whether the sequence number is positive and the hash 32 bytes. */
    public boolean valid() {
        return seq >= 1 && hash != null && hash.length == HASH_LENGTH;
    }

    /** Returns whether {@code bytes} hash to {@link #hash}, given their SHA-256. */
    public boolean matches(byte[] sha256) {
        return Arrays.equals(hash, sha256);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuditAnchor anchor && anchor.seq == seq
                && Arrays.equals(anchor.hash, hash);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seq) * 31 + Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "audit entry " + seq + " (SHA-256 "
                + (hash == null ? "none" : HexFormat.of().formatHex(hash)) + ")";
    }
}
