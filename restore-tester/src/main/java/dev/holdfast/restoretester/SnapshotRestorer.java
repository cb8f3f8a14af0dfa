package dev.holdfast.restoretester;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The operations the restore tester needs from the owner of the snapshots: list them, restore
 * one into an environment the tester made, and return what the snapshot recorded. The orchestrator
 * implements it on top of the repository. The tester does every check itself, so an
 * implementation only restores and reports, and never judges.
 *
 * <p>A restore that cannot finish throws {@link RestoreException}. A restore that finishes
 * with some paths left out returns them in {@link FileRestore#failed()}.
 */
public interface SnapshotRestorer {
    /**
     * Lists the snapshots of {@code source}, in any order. Forgotten snapshots are left out.
     */
    List<SnapshotSummary> snapshots(TestSource source) throws RestoreException;

    /**
     * Restores every entry of file snapshot {@code snapshotId} into the empty folder
     * {@code target}, with modes and modification times, and returns what the restore did.
     */
    FileRestore restoreFiles(String snapshotId, Path target) throws RestoreException;

    /**
     * Passes each entry that file snapshot {@code snapshotId} recorded to {@code entries},
     * each folder before its contents. Each regular file carries the SHA-256 of its content,
     * either as recorded at backup time or computed by reading the content from the
     * snapshot's storage, never from the restored copy.
     */
    void recordedEntries(String snapshotId, Consumer<RecordedEntry> entries)
            throws RestoreException;

    /**
     * Restores every database of database snapshot {@code snapshotId} into the fresh server
     * {@code target}, each under its recorded name, and returns the names.
     */
    DatabaseRestore restoreDatabase(String snapshotId, DatabaseTarget target)
            throws RestoreException;

    /** Returns the row counts that database snapshot {@code snapshotId} recorded per table. */
    List<TableRows> expectedRowCounts(String snapshotId) throws RestoreException;
}
