package dev.holdfast.storage;

import java.time.Instant;

/** What a provider reports about a stored object. */
public record ObjectInfo(String key, long size, Instant modified) {
}
