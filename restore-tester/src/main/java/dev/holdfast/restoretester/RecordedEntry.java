package dev.holdfast.restoretester;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry as a file snapshot recorded it, which the restored copy must match.
 *
 * @param path the entry's path below the restore target, '/'-separated without a leading
 *     '/', such as {@code data/a.txt}
 * @param exactName false when the recorded name has bytes that are not UTF-8; such a path is
 *     shown with escapes and cannot be looked up in the restored tree
 * @param kind the kind of entry
 * @param size the content length of a regular file, 0 for other kinds
 * @param mode permission bits with the set-user-ID, set-group-ID and sticky bits
 * @param modified the modification time, with nanoseconds
 * @param linkTarget a symbolic link's target, or null
 * @param sha256 lowercase hex SHA-256 of a regular file's content, or null when the content
 *     could not be read from the snapshot (then {@code contentProblem} gives the reason) or the entry
 *     is not a regular file
 * @param contentProblem why the content could not be read, or null
 */
public record RecordedEntry(String path, boolean exactName, EntryKind kind, long size,
        int mode, Instant modified, String linkTarget, String sha256,
        RestoreProblem contentProblem) {
    public RecordedEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(modified, "modified");
    }
}
