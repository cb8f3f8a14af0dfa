package dev.holdfast.storage;

import java.time.Instant;

/** Size and modification time of a stored object, as its provider reports them. */
public record ObjectInfo(String key, long size, Instant modified) {
}
