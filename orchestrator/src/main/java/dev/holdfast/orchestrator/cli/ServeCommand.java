package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.catalog.Catalog;
import dev.holdfast.orchestrator.catalog.CatalogException;
import dev.holdfast.orchestrator.config.HoldfastConfig;
import dev.holdfast.orchestrator.config.ServiceConfig;
import dev.holdfast.orchestrator.service.CatalogLock;
import dev.holdfast.orchestrator.service.OldJobStore;
import dev.holdfast.scheduler.JobScheduler;
import dev.holdfast.scheduler.JobStore;
import dev.holdfast.scheduler.Schedule;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "serve", description = {"Runs the scheduled jobs of the configuration on "
        + "their schedules until SIGTERM or SIGINT.",
    "Quartz keeps the jobs in the catalog database; on a PostgreSQL catalog, every serve "
            + "process that shares it is a node of one cluster, and each fire runs on one node.",
    "On either signal no new job starts, running jobs get service.grace-period to finish, "
            + "and holdfast exits with status 0 when they did, 130 when it had to interrupt "
            + "them.",
    "With service.listen set, it also serves the HTTP API over TLS to clients with a "
            + "certificate from holdfast ca issue."})
final class ServeCommand implements Callable<Integer> {
    /** Connections beyond the worker threads: Quartz's own threads and the catalog lock. */
    private static final int EXTRA_CONNECTIONS = 6;

    private final Holdfast app;

    ServeCommand(Holdfast app) {
        this.app = app;
    }

    @Override
    public Integer call() throws Exception {
        HoldfastConfig config = app.config();
        List<Schedule> schedules = requireSchedules(config);
        ServiceConfig service = config.service();
        StopSignal stop = StopSignal.install();
        OldJobStore.delete(service.stateDir()).ifPresent(old -> app.printer().warning(
                "deleted the job store \"" + old + "\" of an older holdfast: the job store is "
                        + "now in the catalog, and fire times missed before this start are not "
                        + "caught up"));
        JobScheduler.Options options = JobScheduler.Options.DEFAULT
                .withMisfireThreshold(service.misfireThreshold())
                .withClusterCheckinInterval(service.clusterCheckinInterval());
        try (Catalog catalog = openCatalog(config, options);
                ServiceApi api = ServiceApi.prepare(app.printer(), app.context(), config)) {
            CatalogLock lock = new CatalogLock(catalog.repositoryLeases(), service.lockWait(),
                    service.lockLease());
            boolean clustered = config.catalog().server();
            if (!clustered) {
                endDeadRuns(catalog);
            }
            JobScheduler scheduler = JobScheduler.prepare(
                    JobStore.jdbc(catalog.dataSource(), clustered), schedules,
                    new JobExecutor(app.context(), config, Optional.of(lock)), options);
            // The API binds its port first: a port in use stops serve before any job starts.
            api.start(scheduler);
            scheduler.begin();
            try (GuardService guard = new GuardService(app.context(), config, catalog,
                    clustered, scheduler.instanceId())) {
                guard.start();
                return serve(config, schedules, catalog, clustered, scheduler, api, stop,
                        guard.size());
            }
        }
    }

    private int serve(HoldfastConfig config, List<Schedule> schedules, Catalog catalog,
            boolean clustered, JobScheduler scheduler, ServiceApi api, StopSignal stop,
            int guarded) throws Exception {
        ServiceConfig service = config.service();
        if (guarded > 0) {
            app.printer().info("guarding " + Units.plural(guarded, "database")
                    + " against bulk deletion");
        }
        app.printer().info("serving " + schedules.size() + " scheduled jobs as node "
                + scheduler.instanceId() + (clustered ? " of a cluster" : "") + " with the "
                + "job store in the " + catalog.description() + "; stop with SIGTERM or "
                + "Ctrl-C");
        for (Schedule schedule : schedules) {
            app.printer().detail("job " + schedule.jobName() + " (" + schedule.cron()
                    + ", " + schedule.zone() + ", misfire " + schedule.misfire()
                    + ") fires next at " + scheduler.nextFireTime(schedule.jobName())
                    .map(Object::toString).orElse("never"));
        }
        // Standard output is buffered, and a service's lines matter while it runs.
        app.context().out().flush();
        String signal = stop.await();
        api.close();
        app.printer().info("received " + signal + ", stopping; running jobs have "
                + service.gracePeriod().toSeconds() + " s to finish");
        boolean finished = scheduler.stop(service.gracePeriod());
        return finished ? ExitCodes.SUCCESS : ExitCodes.INTERRUPTED;
    }

    /**
     * Marks the runs that an earlier process left running, such as one killed or out of
     * memory, as interrupted. The embedded catalog is open in one process at a time, so none
     * of them can still be going on.
     */
    private void endDeadRuns(Catalog catalog) {
        try {
            int ended = catalog.jobRuns().abandonAll(app.context().clock().instant(),
                    "the process that ran it stopped before the run finished");
            if (ended > 0) {
                app.printer().warning("marked " + Units.plural(ended, "job run") + " of a "
                        + "stopped process as interrupted in the " + catalog.description());
            }
        } catch (CatalogException e) {
            app.printer().warning(e.getMessage());
        }
    }

    private Catalog openCatalog(HoldfastConfig config, JobScheduler.Options options)
            throws CliException {
        if (!config.catalog().enabled()) {
            throw new CliException(ExitCodes.USAGE, "holdfast serve keeps its job store in the "
                    + "catalog, which \"" + config.file() + "\" disables: remove "
                    + "catalog.enabled: false");
        }
        try {
            return Catalog.open(config.catalog(), app.context().environment(),
                    options.threads() + EXTRA_CONNECTIONS);
        } catch (CatalogException e) {
            throw new CliException(ExitCodes.FAILURE, e.getMessage(), e);
        }
    }

    static List<Schedule> requireSchedules(HoldfastConfig config) throws CliException {
        boolean guarded = config.sources().stream().anyMatch(s -> s.guard().isPresent());
        if (config.schedules().isEmpty() && !guarded) {
            throw new CliException(ExitCodes.USAGE, "no scheduled job in \"" + config.file()
                    + "\": add a schedule to a source, such as schedule: { backup: \"0 0 2 * * "
                    + "?\" }, or to the repository");
        }
        return config.schedules();
    }
}
