package dev.holdfast.repository;

import java.util.List;

/**
 * Outcome of a restore.
 *
 * @param files regular files written completely
 * @param directories folders created
 * @param otherEntries links, FIFOs and device nodes created
 * @param bytes file content bytes written into the files restored completely; holes in
 *     sparse files and the bytes of failed files are not counted
 * @param failed paths that could not be restored completely, each with its reason
 * @param damaged how many of the failed paths failed because repository data that they need
 *     is damaged or missing
 * @param warnings metadata that could not be applied (owners, extended attributes, devices)
 */
public record RestoreSummary(long files, long directories, long otherEntries, long bytes,
        List<String> failed, long damaged, List<String> warnings) {
}
