package dev.holdfast.repository.engine;

import dev.holdfast.repository.BackupSummary;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RestoreSummary;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The main class of the child JVMs that tests start: one that runs under another locale, and
 * one that tests kill halfway through a backup. Prints what it did, one fact per line.
 *
 * <p>Commands: {@code backup REPOSITORY SOURCE} and
 * {@code backup-restore REPOSITORY SOURCE TARGET}.
 */
public final class EngineChild {
    private EngineChild() {
    }

    public static void main(String[] arguments) throws Exception {
        // UTF-8 whatever the locale, as the CLI prints, so listed names reach the test intact.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        out.println("sun.jnu.encoding=" + System.getProperty("sun.jnu.encoding"));
        out.println("pid=" + ProcessHandle.current().pid());
        try (Repository repository = TestRepositories.open(Path.of(arguments[1]))) {
            BackupSummary backup = TestRepositories.backup(repository, Path.of(arguments[2]));
            out.println("snapshot=" + backup.snapshotId());
            out.println("warnings=" + backup.warnings());
            if (arguments[0].equals("backup-restore")) {
                repository.walk(backup.snapshotId(), TestRepositories.bytes("/"),
                        entry -> out.println("entry=" + entry.displayPath()));
                RestoreSummary restore = TestRepositories.restore(repository,
                        backup.snapshotId(), Path.of(arguments[3]));
                out.println("failed=" + restore.failed());
            }
        }
    }
}
