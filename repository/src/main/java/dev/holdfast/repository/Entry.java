package dev.holdfast.repository;

import java.time.Instant;

/**
 * One entry of a snapshot as callers see it.
 *
 * @param path raw bytes of the path inside the snapshot, '/'-separated, starting with '/'
 * @param type kind of entry
 * @param mode permission bits with set-user-ID, set-group-ID and sticky bits
 * @param size logical size in bytes of a file, 0 for other kinds
 * @param modified modification time with nanoseconds
 * @param linkTarget raw bytes of a symbolic link's target, or null
 * @param user owner's name at backup time, or null when unknown
 * @param group group's name at backup time, or null when unknown
 */
public record Entry(byte[] path, EntryType type, int mode, long size, Instant modified, int uid,
        int gid, String user, String group, byte[] linkTarget, long links) {

    /** Returns the path for display: UTF-8 where valid, other bytes as {@code \xNN}; see {@link PathNames}. */
    public String displayPath() {
        return PathNames.display(path);
    }
}
