package dev.holdfast.orchestrator.cli;

import dev.holdfast.repository.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "unlock", description = "Removes stale locks: locks whose heartbeat is more "
        + "than 30 minutes old, or whose process on this host has ended.")
final class UnlockCommand extends RepositoryCommand<Integer> {
    @Option(names = "--remove-all", description = "Remove every lock, also those of processes "
            + "that may still run. Use only when no other Holdfast process works on the "
            + "repository.")
    private boolean all;

    UnlockCommand(Holdfast app) {
        super(app);
    }

    @Override
    Integer work(Repository repository) throws Exception {
        return repository.unlock(all);
    }

    @Override
    int report(Integer removed) {
        Printer printer = app.printer();
        if (printer.json()) {
            printer.json(JsonViews.locksRemoved(removed));
        } else {
            printer.info("removed " + Units.plural(removed, all ? "lock" : "stale lock"));
        }
        return ExitCodes.SUCCESS;
    }
}
