package dev.holdfast.restoretester;

import dev.holdfast.restoretester.environment.Environment;
import dev.holdfast.restoretester.report.Check;
import dev.holdfast.restoretester.verify.Advice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Checks shared by the tests of files and of databases. */
final class Environments {
    static final String REMOVED = "environment removed";
    static final String RESTORE = "restore completed";

    private Environments() {
    }

    /** Destroys {@code environment} and checks that {@code folder} is gone. */
    static Check remove(Environment environment, Path folder) {
        try {
            environment.close();
        } catch (IOException | RuntimeException e) {
            return Check.failed(REMOVED, "cannot remove " + environment.describe() + ": "
                    + e.getMessage(), Advice.environmentLeft());
        }
        if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return Check.failed(REMOVED, "folder '" + folder + "' still exists after its "
                    + "environment was closed", Advice.environmentLeft());
        }
        return Check.passed(REMOVED, 1);
    }

    /** Returns the failed check of a restore that threw. */
    static Check restoreFailed(Exception e) {
        String damaged = e instanceof RestoreException restore ? restore.damagedObject() : null;
        return Check.failed(RESTORE, String.valueOf(e.getMessage()),
                Advice.restoreFailed(damaged));
    }
}
