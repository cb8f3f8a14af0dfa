package dev.holdfast.restoretester;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.function.Consumer;

/**
 * Wraps a real restorer and injects one fault after or instead of its restore: one byte of
 * a restored file flipped (its time kept, so only the content differs), or an exception that
 * names a damaged pack.
 */
final class FaultyRestorer implements SnapshotRestorer {
    private final SnapshotRestorer delegate;
    private final String flippedFile;
    private final RestoreException failure;

    private FaultyRestorer(SnapshotRestorer delegate, String flippedFile,
            RestoreException failure) {
        this.delegate = delegate;
        this.flippedFile = flippedFile;
        this.failure = failure;
    }

    /** Flips the first byte of {@code file} (a path below the target) after each restore. */
    static FaultyRestorer flipping(SnapshotRestorer delegate, String file) {
        return new FaultyRestorer(delegate, file, null);
    }

    /** Throws {@code failure} instead of restoring. */
    static FaultyRestorer failing(SnapshotRestorer delegate, RestoreException failure) {
        return new FaultyRestorer(delegate, null, failure);
    }

    @Override
    public List<SnapshotSummary> snapshots(TestSource source) throws RestoreException {
        return delegate.snapshots(source);
    }

    @Override
    public FileRestore restoreFiles(String snapshotId, Path target) throws RestoreException {
        if (failure != null) {
            throw failure;
        }
        FileRestore restore = delegate.restoreFiles(snapshotId, target);
        flip(target.resolve(flippedFile));
        return restore;
    }

    private static void flip(Path file) {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            byte[] content = Files.readAllBytes(file);
            content[0] ^= 0x01;
            Files.write(file, content);
            Files.setLastModifiedTime(file, modified);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
