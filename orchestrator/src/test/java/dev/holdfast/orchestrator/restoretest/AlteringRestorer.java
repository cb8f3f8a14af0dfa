package dev.holdfast.orchestrator.restoretest;

import dev.holdfast.restoretester.DatabaseRestore;
import dev.holdfast.restoretester.DatabaseTarget;
import dev.holdfast.restoretester.FileRestore;
import dev.holdfast.restoretester.RecordedEntry;
import dev.holdfast.restoretester.RestoreException;
import dev.holdfast.restoretester.SnapshotRestorer;
import dev.holdfast.restoretester.SnapshotSummary;
import dev.holdfast.restoretester.TableRows;
import dev.holdfast.restoretester.TestSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.function.Consumer;

/**
 * Wraps the real restorer and flips one byte of one restored file after each restore,
 * keeping its size and time, as a failing disk or a stray writer would.
 */
class AlteringRestorer implements SnapshotRestorer {
    private final SnapshotRestorer delegate;
    private final String file;

    AlteringRestorer(SnapshotRestorer delegate, String file) {
        this.delegate = delegate;
        this.file = file;
    }

    @Override
    public List<SnapshotSummary> snapshots(TestSource source) throws RestoreException {
        return delegate.snapshots(source);
    }

    @Override
    public FileRestore restoreFiles(String snapshotId, Path target) throws RestoreException {
        FileRestore restore = delegate.restoreFiles(snapshotId, target);
        Path altered = target.resolve(file);
        try {
            FileTime modified = Files.getLastModifiedTime(altered);
            byte[] content = Files.readAllBytes(altered);
            content[0] ^= 0x20;
            Files.write(altered, content);
            Files.setLastModifiedTime(altered, modified);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return restore;
    }

    @Override
    public void recordedEntries(String snapshotId, Consumer<RecordedEntry> entries)
            throws RestoreException {
        delegate.recordedEntries(snapshotId, entries);
    }

    @Override
    public DatabaseRestore restoreDatabase(String snapshotId, DatabaseTarget target)
            throws RestoreException {
        return delegate.restoreDatabase(snapshotId, target);
    }

    @Override
    public List<TableRows> expectedRowCounts(String snapshotId) throws RestoreException {
        return delegate.expectedRowCounts(snapshotId);
    }
}
