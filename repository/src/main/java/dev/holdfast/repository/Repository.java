package dev.holdfast.repository;

import dev.holdfast.storage.Provider;
import java.io.InputStream;
import java.util.List;

/**
 * An open repository. Thread-safe for reads; a backup or restore uses its own worker threads.
 */
public final class Repository implements AutoCloseable {

    /** Creates a repository on an empty provider and returns it opened with the first key slot. */
    public static Repository init(Provider provider, char[] passphrase, RepositoryOptions options,
            String keyLabel) throws RepositoryException {
        throw new UnsupportedOperationException("stub");
    }

    /** Opens an existing repository with a passphrase that matches one of its key slots. */
    public static Repository open(Provider provider, char[] passphrase) throws RepositoryException {
        throw new UnsupportedOperationException("stub");
    }

    public String id() {
        throw new UnsupportedOperationException("stub");
    }

    public BackupSummary backup(BackupRequest request, Progress progress) throws RepositoryException {
        throw new UnsupportedOperationException("stub");
    }

    /** Lists live snapshots, oldest first. */
    public List<SnapshotInfo> snapshots() throws RepositoryException {
        throw new UnsupportedOperationException("stub");
    }

    /** Finds a snapshot by full ID, unique prefix or "latest". */
    public SnapshotInfo snapshot(String idOrPrefix) throws RepositoryException {
        throw new UnsupportedOperationException("stub");
    }

    /** Visits {@code path} (raw bytes, "/" for the root) and everything below it. */
    public void walk(String snapshotId, byte[] path, TreeVisitor visitor) throws RepositoryException {
        throw new UnsupportedOperationException("stub");
    }

    /** Streams the content of a regular file; every blob is authenticated as it is read. */
    public InputStream openFile(String snapshotId, byte[] path) throws RepositoryException {
        throw new UnsupportedOperationException("stub");
    }

    public RestoreSummary restore(RestoreRequest request, Progress progress) throws RepositoryException {
        throw new UnsupportedOperationException("stub");
    }

    public CheckReport check(boolean readData, Progress progress) throws RepositoryException {
        throw new UnsupportedOperationException("stub");
    }

    public List<KeySlotInfo> keys() throws RepositoryException {
        throw new UnsupportedOperationException("stub");
    }

    public KeySlotInfo addKey(char[] passphrase, String label) throws RepositoryException {
        throw new UnsupportedOperationException("stub");
    }

    /** Removes a key slot; the slot this repository was opened with cannot be removed. */
    public void removeKey(String idPrefix) throws RepositoryException {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("stub");
    }
}
