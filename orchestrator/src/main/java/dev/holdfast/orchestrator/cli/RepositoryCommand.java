package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.catalog.JobRecorder;
import dev.holdfast.orchestrator.catalog.JobRecorder.Run;
import dev.holdfast.orchestrator.cli.Holdfast.OpenRepository;
import dev.holdfast.repository.Repository;
import java.util.concurrent.Callable;

/**
 * A command that opens the repository, works on it, and reports the result once the repository
 * is closed, so that the lock is released before anything is printed. A command that names a
 * {@link #jobKind} is recorded as a job run in the catalog.
 *
 * @param <R> the result of the work
 */
abstract class RepositoryCommand<R> implements Callable<Integer> {
    final Holdfast app;

    RepositoryCommand(Holdfast app) {
        this.app = app;
    }

    /** The recorder of this run, disabled for a run that is not recorded; set before work. */
    JobRecorder recorder = JobRecorder.disabled();

    @Override
    public final Integer call() throws Exception {
        String kind = jobKind();
        if (kind == null) {
            return report(run(null, JobRecorder.disabled()));
        }
        try (JobRecorder recorder = app.jobRecorder()) {
            Run run = recorder.start(kind, null);
            try {
                int status = report(run(run, recorder));
                run.succeeded();
                return status;
            } catch (Exception | Error e) {
                run.failed(e);
                throw e;
            }
        }
    }

    private R run(Run run, JobRecorder recorder) throws Exception {
        this.recorder = recorder;
        try (OpenRepository open = open()) {
            R result = work(open.repository());
            if (run != null) {
                run.repository(open.repository().id());
                record(result, run, recorder, open.repository());
            }
            return result;
        }
    }

    /** Opens the repository; a command that needs a provider opened otherwise overrides it. */
    OpenRepository open() throws Exception {
        return app.openRepository();
    }

    /** Does the command's work on the open repository. */
    abstract R work(Repository repository) throws Exception;

    /**
     * Returns the kind of job run to record in the catalog, such as prune, or null to record
     * nothing (the default).
     */
    String jobKind() {
        return null;
    }

    /** Adds the figures of {@code result} to the run and updates the catalog's caches. */
    void record(R result, Run run, JobRecorder recorder, Repository repository)
            throws Exception {
    }

    /**
     * Prints the result and returns the exit status.
     *
     * @throws CliException for a status other than success, with the message to print
     */
    abstract int report(R result) throws CliException;
}
