package dev.holdfast.repository;

import java.time.Duration;
import java.util.List;

/**
 * Outcome of a backup.
 *
 * @param snapshotId ID of the snapshot written
 * @param filesNew files not in the parent snapshot
 * @param filesChanged files read again because they differ from the parent
 * @param filesUnchanged files taken from the parent without reading
 * @param directories folders recorded
 * @param bytesRead bytes of file content read from the source
 * @param bytesAdded bytes uploaded to the provider (packs, indexes, snapshot)
 * @param blobsAdded new blobs stored
 * @param changedWhileRead paths of files that changed while they were read
 * @param warnings paths with a problem (unreadable, vanished), each with its reason
 * @param duration wall time of the backup
 * @param underReplicated keys of objects this backup stored at the write quorum but not on
 *     every target provider, the snapshot included; empty with one provider
 */
public record BackupSummary(String snapshotId, long filesNew, long filesChanged, long filesUnchanged,
        long directories, long bytesRead, long bytesAdded, long blobsAdded, List<String> changedWhileRead,
        List<Warning> warnings, Duration duration, List<String> underReplicated) {

    /** Creates the summary of a backup stored on every provider. */
    public BackupSummary(String snapshotId, long filesNew, long filesChanged,
            long filesUnchanged, long directories, long bytesRead, long bytesAdded,
            long blobsAdded, List<String> changedWhileRead, List<Warning> warnings,
            Duration duration) {
        this(snapshotId, filesNew, filesChanged, filesUnchanged, directories, bytesRead,
                bytesAdded, blobsAdded, changedWhileRead, warnings, duration, List.of());
    }

    /**
     * A path that the backup could not read completely.
     *
     * @param path the path in the snapshot, with bytes that are not UTF-8 written as {@code \xNN}
     * @param reason what went wrong and what the backup did, such as "vanished during the
     *     backup; left out of the snapshot"
     */
    public record Warning(String path, String reason) {
        /** Returns "path: reason", the form a snapshot records. */
        @Override
        public String toString() {
            return path + ": " + reason;
        }
    }

    /** True when some entries could not be read completely: the snapshot is partial. */
    public boolean partial() {
        return !warnings.isEmpty() || !changedWhileRead.isEmpty();
    }
}
