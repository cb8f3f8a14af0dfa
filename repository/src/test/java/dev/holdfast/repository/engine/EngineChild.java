package dev.holdfast.repository.engine;

import dev.holdfast.repository.BackupSummary;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RestoreSummary;
import dev.holdfast.repository.prune.PruneOptions;
import dev.holdfast.repository.prune.PruneReport;
import dev.holdfast.repository.prune.PruneStep;
import dev.holdfast.repository.prune.Pruner;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The main class of the child JVMs that tests start: one that runs under another locale, and
 * one that tests kill halfway through a backup. Prints what it did, one fact per line.
 *
 * <p>Commands: {@code backup REPOSITORY SOURCE},
 * {@code backup-restore REPOSITORY SOURCE TARGET}, and {@code prune REPOSITORY STEP SNAPSHOT...},
 * which removes the snapshots and, on reaching the {@link PruneStep} named STEP for the first
 * time, prints {@code paused=STEP} and waits to be killed.
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
        if (arguments[0].equals("prune")) {
            prune(out, arguments);
            return;
        }
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

    private static void prune(PrintStream out, String[] arguments) throws Exception {
        PruneStep pauseAt = PruneStep.valueOf(arguments[2]);
        Set<String> snapshots = Set.of(Arrays.copyOfRange(arguments, 3, arguments.length));
        try (Repository repository = TestRepositories.open(Path.of(arguments[1]))) {
            Pruner pruner = repository.pruner(Clock.systemUTC());
            pruner.onStep(step -> {
                if (step == pauseAt) {
                    out.println("paused=" + step);
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            PruneReport report = pruner.run(snapshots, List.of(),
                    PruneOptions.defaults().withBulkDeletion(1.0, false));
            out.println("removed=" + report.snapshotsRemoved());
        }
    }
}
