package dev.holdfast.repository;

import java.util.List;

/**
 * What a restore did.
 *
 * @param files regular files written completely
 * @param directories folders created
 * @param otherEntries links, FIFOs and device nodes created
 * @param bytes file content bytes written
 * @param failed paths that could not be restored completely, each with its reason
 * @param warnings metadata that could not be applied (owners, extended attributes, devices)
 */
public record RestoreSummary(long files, long directories, long otherEntries, long bytes,
        List<String> failed, List<String> warnings) {
}
