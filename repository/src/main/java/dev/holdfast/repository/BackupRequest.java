package dev.holdfast.repository;

import java.nio.file.Path;
import java.util.List;

/**
 * Request to back up sources into one snapshot.
 *
 * @param sources folders or files to back up; each must exist
 * @param host host name recorded in the snapshot
 * @param tags labels recorded in the snapshot
 * @param parentSnapshot snapshot whose unchanged files are not read again, or null to pick the
 *     newest snapshot of the same host and sources
 * @param excludes glob patterns matched against full paths; matching entries are skipped
 */
public record BackupRequest(List<Path> sources, String host, List<String> tags, String parentSnapshot,
        List<String> excludes) {
}
