package dev.holdfast.orchestrator.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One entry of the {@code sources} section: what {@code holdfast backup} reads when it is
 * given no paths.
 *
 * @param name unique name of the source
 * @param paths absolute files or folders to back up
 * @param excludes glob patterns of entries to skip
 * @param retention which of the source's snapshots forget keeps, when the file sets a policy
 */
public record SourceConfig(String name, List<Path> paths, List<String> excludes,
        Optional<RetentionConfig> retention) {
    public SourceConfig {
        paths = List.copyOf(paths);
        excludes = List.copyOf(excludes);
    }

    /** Creates a source without a retention policy. */
    public SourceConfig(String name, List<Path> paths, List<String> excludes) {
        this(name, paths, excludes, Optional.empty());
    }
}
