package dev.holdfast.repository;

import java.time.Instant;

/**
 * A key slot as listed to callers.
 *
 * @param role {@code full} or {@code append-only}; {@code damaged} for a slot that does not
 *     decode
 */
public record KeySlotInfo(String id, String kind, String label, Instant created, boolean current,
        String role) {
    /** Creates the listing of a full-access slot. */
    public KeySlotInfo(String id, String kind, String label, Instant created, boolean current) {
        this(id, kind, label, created, current, "full");
    }
}
