package dev.holdfast.restoretester;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * A restorer whose one database snapshot is an SQL script: a restore creates database
 * {@value #DATABASE} on the target server and runs the script there through the server's own
 * client. The runner's database tests use it; the orchestrator restores real dumps.
 */
final class ScriptRestorer implements SnapshotRestorer {
    static final String DATABASE = "shop";
    static final String SNAPSHOT = "dump-1";

    private final String script;
    private final List<TableRows> recorded;

    ScriptRestorer(String script, List<TableRows> recorded) {
        this.script = script;
        this.recorded = List.copyOf(recorded);
    }

    @Override
    public List<SnapshotSummary> snapshots(TestSource source) {
        return List.of(new SnapshotSummary(SNAPSHOT, Instant.parse("2025-03-01T00:00:00Z"), 1,
                script.length()));
    }

    @Override
    public DatabaseRestore restoreDatabase(String snapshotId, DatabaseTarget target)
            throws RestoreException {
        String maintenance = target.kind() == SourceKind.POSTGRESQL ? "postgres" : "mysql";
        try {
            target.query(maintenance, "CREATE DATABASE " + DATABASE + ";");
            target.query(DATABASE, script);
        } catch (IOException e) {
            throw new RestoreException("cannot run the script of " + snapshotId + ": "
                    + e.getMessage(), e);
        }
        return new DatabaseRestore(List.of(DATABASE), List.of());
    }

    @Override
    public List<TableRows> expectedRowCounts(String snapshotId) {
        return recorded;
    }

    @Override
    public FileRestore restoreFiles(String snapshotId, Path target) throws RestoreException {
        throw new RestoreException("a script snapshot holds no files", null);
    }

    @Override
    public void recordedEntries(String snapshotId, Consumer<RecordedEntry> entries)
            throws RestoreException {
        throw new RestoreException("a script snapshot holds no files", null);
    }
}
