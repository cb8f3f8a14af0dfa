package dev.holdfast.orchestrator.config;

import java.nio.file.Path;
import java.util.List;

/**
 * One entry of the {@code sources} section: what {@code holdfast backup} reads when it is
 * given no paths.
 *
 * @param name unique name of the source
 * @param paths absolute files or folders to back up
 * @param excludes glob patterns of entries to skip
 */
public record SourceConfig(String name, List<Path> paths, List<String> excludes) {
    public SourceConfig {
        paths = List.copyOf(paths);
        excludes = List.copyOf(excludes);
    }
}
