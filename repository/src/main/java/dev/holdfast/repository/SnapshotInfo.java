package dev.holdfast.repository;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot as listed to callers.
 *
 * @param id full hex ID
 * @param time when the backup started
 * @param host host the backup ran on
 * @param paths the backed-up sources as given
 * @param tags labels
 * @param parent ID of the parent snapshot, or null
 * @param files regular files in the snapshot
 * @param bytes logical size of all regular files
 * @param partial true when some entries could not be read completely
 * @param underReplicated true when some objects reached the write quorum but not every provider
 */
public record SnapshotInfo(String id, Instant time, String host, List<String> paths, List<String> tags,
        String parent, long files, long bytes, boolean partial, boolean underReplicated) {

    /** Creates the entry of a snapshot stored on every provider. */
    public SnapshotInfo(String id, Instant time, String host, List<String> paths,
            List<String> tags, String parent, long files, long bytes, boolean partial) {
        this(id, time, host, paths, tags, parent, files, bytes, partial, false);
    }

    public String shortId() {
        return id.substring(0, 8);
    }
}
