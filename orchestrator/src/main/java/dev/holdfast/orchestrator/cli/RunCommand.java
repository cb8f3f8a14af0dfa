package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.catalog.Catalog;
import dev.holdfast.orchestrator.catalog.CatalogException;
import dev.holdfast.orchestrator.cli.JobExecutor.JobFailedException;
import dev.holdfast.orchestrator.config.HoldfastConfig;
import dev.holdfast.orchestrator.config.JobKinds;
import dev.holdfast.orchestrator.service.CatalogLock;
import dev.holdfast.scheduler.JobFire;
import dev.holdfast.scheduler.JobRuns;
import dev.holdfast.scheduler.Schedule;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "run", description = {"Runs every scheduled job of the configuration once, "
        + "now, whatever its schedule, then exits.",
    "Order: each source's backup, then retention (forget by policy, then prune), check, "
            + "scrub, repair and the restore test. A failed job does not stop the ones after "
            + "it."})
final class RunCommand implements Callable<Integer> {
    @Option(names = "--once", description = "Run each job once (required; holdfast serve runs "
            + "the jobs on their schedules).")
    private boolean once;

    private final Holdfast app;

    RunCommand(Holdfast app) {
        this.app = app;
    }

    @Override
    public Integer call() throws Exception {
        if (!once) {
            throw new CliException(ExitCodes.USAGE, "holdfast run needs --once; to run the "
                    + "jobs on their schedules, use holdfast serve");
        }
        HoldfastConfig config = app.config();
        List<Schedule> jobs = inRunOrder(ServeCommand.requireSchedules(config));
        try (Catalog catalog = catalogForLock(config)) {
            Optional<CatalogLock> lock = Optional.ofNullable(catalog).map(open -> new CatalogLock(
                    open.repositoryLeases(), config.service().lockWait(),
                    config.service().lockLease()));
            return runAll(jobs, new JobExecutor(app.context(), config, lock));
        }
    }

    private int runAll(List<Schedule> jobs, JobExecutor executor) throws Exception {
        TreeSet<Integer> failures = new TreeSet<>();
        for (Schedule job : jobs) {
            if (Thread.currentThread().isInterrupted()) {
                return ExitCodes.INTERRUPTED;
            }
            try {
                JobRuns.run(job, executor, JobFire.now(Holdfast.hostName()));
                app.printer().info("job " + job.jobName() + ": succeeded");
            } catch (JobFailedException e) {
                failures.add(e.status());
                app.printer().warning("job " + job.jobName() + ": failed: " + e.getMessage());
            } catch (InterruptedException e) {
                // Ctrl-C: the jobs after this one do not start.
                app.printer().warning("job " + job.jobName() + ": " + e.getMessage());
                return ExitCodes.INTERRUPTED;
            }
        }
        return combined(failures);
    }

    /**
     * Opens the catalog for the catalog lock, so that the jobs here take turns with those of
     * running services. Returns null when the catalog is disabled or cannot be opened, as an
     * embedded catalog cannot be while a service in another process has it open.
     */
    private Catalog catalogForLock(HoldfastConfig config) {
        if (!config.catalog().enabled()) {
            return null;
        }
        try {
            return Catalog.open(config.catalog(), app.context().environment());
        } catch (CatalogException e) {
            app.printer().warning(e.getMessage() + "; the jobs run without the catalog lock, "
                    + "under the repository's own lock only");
            return null;
        }
    }

    /** Sorts jobs by {@link JobKinds#RUN_ORDER}, keeping the file order within a kind. */
    static List<Schedule> inRunOrder(List<Schedule> schedules) {
        return schedules.stream()
                .sorted(Comparator.comparingInt(s -> JobKinds.RUN_ORDER.indexOf(s.kind())))
                .toList();
    }

    /**
     * Returns success when no job failed, the status of the failures when they all share one,
     * and {@link ExitCodes#FAILURE} otherwise.
     */
    static int combined(TreeSet<Integer> failures) {
        if (failures.isEmpty()) {
            return ExitCodes.SUCCESS;
        }
        return failures.size() == 1 ? failures.first() : ExitCodes.FAILURE;
    }
}
