package dev.holdfast.restoretester.verify;

import dev.holdfast.restoretester.FileRestore;
import dev.holdfast.restoretester.RestoreProblem;
import dev.holdfast.restoretester.report.Check;
import dev.holdfast.restoretester.report.CheckStatus;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The checks of a file restore as a whole: did it complete, and do its totals match. */
final class RestoreChecks {
    static final String COMPLETED = "restore completed";
    static final String TOTALS = "file and byte totals";

    private RestoreChecks() {
    }

    /** Returns whether the restore wrote every path, from its own report. */
    static Check completed(FileRestore restore) {
        List<RestoreProblem> failed = restore.failed();
        long written = restore.files() + restore.directories() + restore.otherEntries();
        if (failed.isEmpty()) {
            return Check.passed(COMPLETED, written);
        }
        Set<String> objects = new LinkedHashSet<>();
        boolean damage = false;
        for (RestoreProblem problem : failed) {
            damage |= problem.repositoryDamage();
            if (problem.damagedObject() != null) {
                objects.add(problem.damagedObject());
            }
        }
        String reason = count(failed.size(), "path was", "paths were")
                + " not restored completely"
                + (damage ? ", because repository data is damaged or missing" : "");
        if (!objects.isEmpty()) {
            reason += " (" + String.join(", ", objects.stream().map(Advice::objectName).toList())
                    + ")";
        }
        List<String> examples = failed.stream().limit(Check.MAX_EXAMPLES)
                .map(p -> p.path() + ": " + p.reason()).toList();
        return new Check(COMPLETED, CheckStatus.FAILED, written + failed.size(), failed.size(),
                reason, damage ? Advice.damagedObjects(objects) : Advice.targetProblem(),
                examples);
    }

    /** Compares the restored tree's regular files and their bytes with the recorded totals. */
    static Check totals(Path root, long files, long bytes) throws IOException {
        long[] found = new long[2];
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) {
                    found[0]++;
                    found[1] += attributes.size();
                }
                return FileVisitResult.CONTINUE;
            }
        });
        if (found[0] == files && found[1] == bytes) {
            return Check.passed(TOTALS, files);
        }
        String reason = "the snapshot recorded " + count(files, "file", "files") + " of "
                + count(bytes, "byte", "bytes") + ", the restored tree holds "
                + count(found[0], "file", "files") + " of " + count(found[1], "byte", "bytes");
        return new Check(TOTALS, CheckStatus.FAILED, 1, 1, reason, Advice.countMismatch(),
                List.of());
    }

    /** Returns {@code n} with the singular or plural noun, such as {@code 1 file}. */
    static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    /** Returns the note about entries whose names cannot be looked up from Java. */
    static Check unverifiable(List<String> paths) {
        // NOTE: java.nio cannot open a name that is not valid in the JVM's file name
        // encoding, so these entries are counted in the totals but not compared one by one.
        return new Check("names that are not UTF-8", CheckStatus.SKIPPED, paths.size(), 0,
                paths.size() + " entries have names that are not UTF-8, so they were counted "
                        + "but not compared one by one", "",
                paths.stream().limit(Check.MAX_EXAMPLES).toList());
    }
}
