package dev.holdfast.orchestrator.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One entry of the {@code sources} section: what {@code holdfast backup} reads when it is
 * given no paths. A source is either files ({@code paths}) or a database server
 * ({@code database}), never both.
 *
 * @param name unique name of the source
 * @param paths absolute files or folders to back up; empty for a database source
 * @param excludes glob patterns of entries to skip
 * @param retention which of the source's snapshots forget keeps, when the file sets a policy
 * @param database the server and databases of a database source
 * @param guard the bulk-deletion guard of a database source, when it has one
 */
public record SourceConfig(String name, List<Path> paths, List<String> excludes,
        Optional<RetentionConfig> retention, Optional<DatabaseSourceConfig> database,
        Optional<GuardConfig> guard) {
    public SourceConfig {
        paths = List.copyOf(paths);
        excludes = List.copyOf(excludes);
    }

    /** Creates a file source. */
    public SourceConfig(String name, List<Path> paths, List<String> excludes,
            Optional<RetentionConfig> retention) {
        this(name, paths, excludes, retention, Optional.empty(), Optional.empty());
    }

    /** Creates a file source without a retention policy. */
    public SourceConfig(String name, List<Path> paths, List<String> excludes) {
        this(name, paths, excludes, Optional.empty());
    }

    /**
     * Returns the source paths that its snapshots record: the paths of a file source, or
     * {@code ENGINE:NAME} for a database source, such as {@code postgresql:orders}.
     */
    public List<String> snapshotPaths() {
        return database.map(d -> List.of(d.kind().id() + ":" + name))
                .orElseGet(() -> paths.stream().map(Path::toString).toList());
    }
}
