package dev.holdfast.repository;

import java.time.Instant;

/** A key slot as listed to callers. */
public record KeySlotInfo(String id, String kind, String label, Instant created, boolean current) {
}
