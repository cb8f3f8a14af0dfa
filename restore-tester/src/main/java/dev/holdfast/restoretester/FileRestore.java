package dev.holdfast.restoretester;

import java.util.List;

/**
 * The outcome of a restore of files, as the restorer counted it.
 *
 * @param files regular files written completely
 * @param directories folders created
 * @param otherEntries links, FIFOs and device nodes created
 * @param bytes content bytes written into the files restored completely
 * @param failed the paths that were not restored completely
 * @param warnings metadata that could not be applied, and copies that were damaged on one
 *     provider and read from another
 */
public record FileRestore(long files, long directories, long otherEntries, long bytes,
        List<RestoreProblem> failed, List<String> warnings) {
    public FileRestore {
        failed = List.copyOf(failed);
        warnings = List.copyOf(warnings);
    }
}
