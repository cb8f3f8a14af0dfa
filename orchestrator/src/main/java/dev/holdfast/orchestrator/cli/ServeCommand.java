package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.config.HoldfastConfig;
import dev.holdfast.orchestrator.config.ServiceConfig;
import dev.holdfast.orchestrator.service.JobStoreDatabase;
import dev.holdfast.scheduler.JobScheduler;
import dev.holdfast.scheduler.JobStore;
import dev.holdfast.scheduler.Schedule;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "serve", description = {"Runs the scheduled jobs of the configuration on "
        + "their schedules until SIGTERM or SIGINT.",
    "On either signal no new job starts, running jobs get service.grace-period to finish, "
            + "and holdfast exits with status 0 when they did, 130 when it had to interrupt "
            + "them.",
    "With service.listen set, it also serves the HTTP API over TLS to clients with a "
            + "certificate from holdfast ca issue."})
final class ServeCommand implements Callable<Integer> {
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
        try (JobStoreDatabase database = JobStoreDatabase.open(service.stateDir());
                ServiceApi api = ServiceApi.prepare(app.printer(), app.context(), config)) {
            JobScheduler.Options options = JobScheduler.Options.DEFAULT
                    .withMisfireThreshold(service.misfireThreshold());
            JobScheduler scheduler = JobScheduler.start(
                    JobStore.jdbc(database.dataSource(), database.clustered()), schedules,
                    new JobExecutor(app.context(), config.file()), options);
            api.start(scheduler);
            app.printer().info("serving " + schedules.size() + " scheduled jobs with the job "
                    + "store in \"" + service.stateDir() + "\"; stop with SIGTERM or Ctrl-C");
            for (Schedule schedule : schedules) {
                app.printer().detail("job " + schedule.jobName() + " (" + schedule.cron()
                        + ", " + schedule.zone() + ", misfire " + schedule.misfire()
                        + ") fires next at " + scheduler.nextFireTime(schedule.jobName())
                        .map(Object::toString).orElse("never"));
            }
            // Standard output is buffered; a service's log shows these lines now, not at exit.
            app.context().out().flush();
            String signal = stop.await();
            api.close();
            app.printer().info("received " + signal + ", stopping; running jobs have "
                    + service.gracePeriod().toSeconds() + " s to finish");
            boolean finished = scheduler.stop(service.gracePeriod());
            return finished ? ExitCodes.SUCCESS : ExitCodes.INTERRUPTED;
        }
    }

    static List<Schedule> requireSchedules(HoldfastConfig config) throws CliException {
        if (config.schedules().isEmpty()) {
            throw new CliException(ExitCodes.USAGE, "no scheduled job in \"" + config.file()
                    + "\": add a schedule to a source, such as schedule: { backup: \"0 0 2 * * "
                    + "?\" }, or to the repository");
        }
        return config.schedules();
    }
}
