package dev.holdfast.orchestrator.config;

import dev.holdfast.repository.RepositoryOptions;
import dev.holdfast.repository.placement.Placement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code repository} section. Settings the file leaves out stay empty here, so that reading
 * a configuration never depends on the engine's defaults; {@link #options()} fills them in.
 *
 * @param providers names of the providers that store the repository
 * @param chunker chunk sizes, all three or none
 * @param packSize pack size in bytes at which a pack is closed
 * @param compression zstd level, 0 for no compression
 * @param placement the providers that receive each object and the write quorum, chosen by
 *     the placement rules of the section; one copy when the file sets no rules
 * @param readTimeout how long a read waits for one provider before it tries another copy
 * @param deletionDelay how long forgotten snapshots stay restorable: sealed at init, and at
 *     other times a request to lengthen the sealed delay on this host
 * @param bulkDeletionShare largest share of the live snapshots, from 0 to 1, that one forget
 *     may forget without {@code --confirm-bulk-deletion}
 * @param scrubSlices how many slices the scheduled scrub divides the packs into; each run
 *     reads the next slice
 */
public record RepositoryConfig(List<String> providers, Optional<ChunkSizes> chunker,
        OptionalInt packSize, OptionalInt compression, Placement placement,
        Duration readTimeout, Optional<Duration> deletionDelay, double bulkDeletionShare,
        int scrubSlices) {

    public RepositoryConfig {
        providers = List.copyOf(providers);
    }

    /**
     * Returns the options for {@code init}: the values of the file, and those of
     * {@link RepositoryOptions#DEFAULT} for the rest.
     */
    public RepositoryOptions options() {
        RepositoryOptions defaults = RepositoryOptions.DEFAULT;
        ChunkSizes sizes = chunker.orElse(new ChunkSizes(
                defaults.minChunk(), defaults.averageChunk(), defaults.maxChunk()));
        return new RepositoryOptions(sizes.min(), sizes.average(), sizes.max(),
                packSize.orElse(defaults.packTarget()),
                compression.orElse(defaults.compressionLevel()), defaults.argon2(),
                deletionDelay.orElse(RepositoryOptions.DEFAULT_DELETION_DELAY));
    }

    /**
     * Content-defined chunk sizes in bytes, with {@code min < average < max} and the average a
     * power of two.
     */
    public record ChunkSizes(int min, int average, int max) {
    }
}
