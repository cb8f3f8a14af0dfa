package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.cli.Holdfast.OpenRepository;
import dev.holdfast.repository.Repository;
import java.util.concurrent.Callable;

/**
 * A command that opens the repository, works on it, and reports the result once the repository
 * is closed, so that the lock is released before anything is printed.
 *
 * @param <R> the result of the work
 */
abstract class RepositoryCommand<R> implements Callable<Integer> {
    final Holdfast app;

    RepositoryCommand(Holdfast app) {
        this.app = app;
    }

    @Override
    public final Integer call() throws Exception {
        R result;
        try (OpenRepository open = open()) {
            result = work(open.repository());
        }
        return report(result);
    }

    /** Opens the repository; a command that needs a provider opened otherwise overrides it. */
    OpenRepository open() throws Exception {
        return app.openRepository();
    }

    /** Does the command's work on the open repository. */
    abstract R work(Repository repository) throws Exception;

    /**
     * Prints the result and returns the exit status.
     *
     * @throws CliException for a status other than success, with the message to print
     */
    abstract int report(R result) throws CliException;
}
