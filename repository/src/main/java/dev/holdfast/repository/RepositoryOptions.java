package dev.holdfast.repository;

import dev.holdfast.crypto.Argon2Parameters;
import java.time.Duration;

/**
 * Settings fixed when a repository is created.
 *
 * @param minChunk smallest chunk in bytes, except at the end of a file
 * @param averageChunk target average chunk size in bytes, a power of two
 * @param maxChunk largest chunk in bytes
 * @param packTarget pack size in bytes at which a pack is closed
 * @param compressionLevel zstd level, 0 to store chunks uncompressed
 * @param argon2 cost of the first key slot
 * @param deletionDelay how long a forgotten snapshot stays restorable before prune may remove
 *     it; whole seconds, zero or more
 */
public record RepositoryOptions(int minChunk, int averageChunk, int maxChunk, int packTarget,
        int compressionLevel, Argon2Parameters argon2, Duration deletionDelay) {
    /** The deletion delay when the configuration sets none. */
    public static final Duration DEFAULT_DELETION_DELAY = Duration.ofDays(30);

    /**
     * Defaults of a new repository. zstd level 2 rather than 3: on the benchmark data, level 3
     * cost a backup about a fifth more CPU time for a repository about 1% smaller (decision 21).
     */
    public static final RepositoryOptions DEFAULT = new RepositoryOptions(
            512 * 1024, 1024 * 1024, 8 * 1024 * 1024, 16 * 1024 * 1024, 2, Argon2Parameters.DEFAULT);

    /** Creates options with the default deletion delay. */
    public RepositoryOptions(int minChunk, int averageChunk, int maxChunk, int packTarget,
            int compressionLevel, Argon2Parameters argon2) {
        this(minChunk, averageChunk, maxChunk, packTarget, compressionLevel, argon2,
                DEFAULT_DELETION_DELAY);
    }

    /** Returns these options with another deletion delay. */
    public RepositoryOptions withDeletionDelay(Duration delay) {
        return new RepositoryOptions(minChunk, averageChunk, maxChunk, packTarget,
                compressionLevel, argon2, delay);
    }
}
