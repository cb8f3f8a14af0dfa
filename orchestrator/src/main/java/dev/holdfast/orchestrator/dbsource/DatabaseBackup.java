package dev.holdfast.orchestrator.dbsource;

import dev.holdfast.orchestrator.config.DatabaseSourceConfig;
import dev.holdfast.orchestrator.config.SourceConfig;
import dev.holdfast.orchestrator.database.ConnectionSettings;
import dev.holdfast.orchestrator.database.DatabaseDumps;
import dev.holdfast.orchestrator.database.DatabaseException;
import dev.holdfast.orchestrator.database.DumpOptions;
import dev.holdfast.orchestrator.database.DumpStream;
import dev.holdfast.repository.BackupSummary;
import dev.holdfast.repository.Progress;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.StreamBackupRequest;
import dev.holdfast.repository.StreamFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Backs up a configured database source into one snapshot: PostgreSQL's global objects once,
 * then per database its settings, its dump and its table counts, each dump streamed from the
 * tool into the chunker.
 */
public final class DatabaseBackup {
    /** Tag of every database snapshot. */
    public static final String TAG = "database";

    private DatabaseBackup() {
    }

    /**
     * Backs up {@code source}; {@code tags} are added to {@value #TAG}. A tool that is
     * missing or too old fails before anything is stored, and a dump that fails leaves no
     * snapshot.
     */
    public static BackupSummary run(Repository repository, SourceConfig source, String host,
            List<String> tags, Map<String, String> environment, Progress progress)
            throws RepositoryException, DatabaseException {
        DatabaseSourceConfig database = source.database().orElseThrow(
                () -> new IllegalArgumentException("source \"" + source.name()
                        + "\" is not a database source"));
        ConnectionSettings settings = Connections.of(source.name(), database,
                database.databases().getFirst(), environment);
        List<DumpStream> dumps = DatabaseDumps.open(settings,
                new DumpOptions(database.databases(), database.exactCountLimit()));
        List<StreamFile> files = new ArrayList<>();
        for (DumpStream dump : dumps) {
            files.add(file(dump));
        }
        List<String> allTags = new ArrayList<>();
        allTags.add(TAG);
        allTags.addAll(tags);
        return repository.backup(new StreamBackupRequest(DatabaseSnapshot.label(
                database.kind(), source.name()), source.name(), host, allTags, files), progress);
    }

    private static StreamFile file(DumpStream dump) {
        return new StreamFile() {
            @Override
            public String name() {
                return dump.name();
            }

            @Override
            public InputStream open() throws IOException {
                return dump.open();
            }
        };
    }
}
