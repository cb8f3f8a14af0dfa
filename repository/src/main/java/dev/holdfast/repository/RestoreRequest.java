package dev.holdfast.repository;

import java.nio.file.Path;
import java.util.List;

/**
 * Request to restore a snapshot, or paths of it, into a folder.
 *
 * @param snapshotId snapshot ID, unique prefix, or "latest"
 * @param target folder to restore into; created when missing
 * @param includes raw snapshot paths to restore with everything below them, or empty for all
 * @param overwrite allow a non-empty target; existing files are replaced
 * @param restoreOwners set owners and groups (only effective when running as root)
 */
public record RestoreRequest(String snapshotId, Path target, List<byte[]> includes, boolean overwrite,
        boolean restoreOwners) {
}
