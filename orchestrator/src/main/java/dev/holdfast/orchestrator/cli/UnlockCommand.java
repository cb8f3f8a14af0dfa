package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.cli.Holdfast.OpenRepository;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "unlock", description = "Removes stale locks: locks whose heartbeat is more "
        + "than 30 minutes old, or whose process on this host has ended.")
final class UnlockCommand implements Callable<Integer> {
    @Option(names = "--remove-all", description = "Remove every lock, also those of processes "
            + "that may still run. Use only when no other Holdfast process works on the "
            + "repository.")
    private boolean all;

    private final Holdfast app;

    UnlockCommand(Holdfast app) {
        this.app = app;
    }

    @Override
    public Integer call() throws Exception {
        int removed;
        try (OpenRepository open = app.openRepository()) {
            removed = open.repository().unlock(all);
        }
        Printer printer = app.printer();
        if (printer.json()) {
            printer.json(JsonViews.locksRemoved(removed));
        } else {
            printer.info("removed " + Units.plural(removed, all ? "lock" : "stale lock"));
        }
        return ExitCodes.SUCCESS;
    }
}
