package dev.holdfast.repository.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The content of a snapshot object. Field names are part of the format (CBOR map keys).
 *
 * @param v format version, 1
 * @param time start of the backup, ISO-8601 UTC with nanoseconds
 * @param host host the backup ran on
 * @param user OS user that ran it
 * @param paths sources as given
 * @param tags labels
 * @param parent ID of the parent snapshot, or null
 * @param tree ID of the root tree (32 bytes)
 * @param files regular files
 * @param bytes logical size of regular files
 * @param partial some entries could not be read completely
 * @param changed paths (display form) of files that changed while being read
 * @param warnings problems with single paths, at most {@link #MAX_LISTED}
 * @param underReplicated some objects the backup wrote reached the write quorum but not every
 *     provider; written only when true, so other snapshots keep the bytes of format version 1
 * @param audit the newest audit entry when the snapshot was written, or null when the
 *     repository had no audit trail yet; readers of format version 1 skip the key
 */
public record Snapshot(int v, String time, String host, String user, List<String> paths, List<String> tags,
        String parent, byte[] tree, long files, long bytes, boolean partial, List<String> changed,
        List<String> warnings,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean underReplicated,
        @JsonInclude(JsonInclude.Include.NON_NULL) AuditAnchor audit) {
    public static final int MAX_LISTED = 1000;

    /** Creates a snapshot that names no audit entry. */
    public Snapshot(int v, String time, String host, String user, List<String> paths,
            List<String> tags, String parent, byte[] tree, long files, long bytes,
            boolean partial, List<String> changed, List<String> warnings,
            boolean underReplicated) {
        this(v, time, host, user, paths, tags, parent, tree, files, bytes, partial, changed,
                warnings, underReplicated, null);
    }

    /** Creates a snapshot whose objects are stored on every provider. */
    public Snapshot(int v, String time, String host, String user, List<String> paths,
            List<String> tags, String parent, byte[] tree, long files, long bytes,
            boolean partial, List<String> changed, List<String> warnings) {
        this(v, time, host, user, paths, tags, parent, tree, files, bytes, partial, changed,
                warnings, false, null);
    }
}
