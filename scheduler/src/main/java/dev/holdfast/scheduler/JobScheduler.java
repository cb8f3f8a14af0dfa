package dev.holdfast.scheduler;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import javax.sql.DataSource;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.simpl.RAMJobStore;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires scheduled jobs with Quartz until {@link #stop} is called.
 *
 * <p>A trigger already in a JDBC job store is kept when its cron expression, time zone and
 * misfire policy are unchanged, because it carries the next fire time: a fire time missed
 * while no scheduler ran is then found at start and handled by the misfire policy. A changed
 * schedule replaces its trigger, and jobs no longer configured are removed from the store.
 */
public final class JobScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);
    private static final String GROUP = "holdfast";
    private static final String MISFIRE_KEY = "misfire";
    private static final Duration POLL = Duration.ofMillis(100);
    /** How long interrupted jobs get to stop once the grace period has passed. */
    public static final Duration INTERRUPTED_WAIT = Duration.ofSeconds(10);

    private final Scheduler quartz;
    private final Map<String, Schedule> schedules;
    private final Options options;
    /** The job store as the start line names it. */
    private String description = "";

    private JobScheduler(Scheduler quartz, Map<String, Schedule> schedules, Options options) {
        this.quartz = quartz;
        this.schedules = schedules;
        this.options = options;
    }

    /**
     * Settings of the scheduler.
     *
     * @param instanceName name that every node of a cluster shares; Quartz keys its rows by it
     * @param instanceId name of this node, unique among the live nodes of a cluster; log lines
     *     and job records name the node by it
     * @param threads jobs that may run at the same time on this node
     * @param misfireThreshold how late a fire may be before the misfire policy decides about it
     * @param clusterCheckinInterval how often a node of a clustered store records that it is
     *     alive. The other nodes recover its running jobs once it has missed that for the
     *     interval plus 7.5 s (Quartz 2.5).
     * @param clock start time of triggers created now; a trigger never fires before it
     */
    public record Options(String instanceName, String instanceId, int threads,
            Duration misfireThreshold, Duration clusterCheckinInterval, Clock clock) {
        /** Quartz's own default misfire threshold (60 seconds in Quartz 2.5). */
        public static final Duration DEFAULT_MISFIRE_THRESHOLD = Duration.ofSeconds(60);
        /** Quartz's own default check-in interval (7.5 seconds in Quartz 2.5). */
        public static final Duration DEFAULT_CHECKIN_INTERVAL = Duration.ofMillis(7500);
        public static final Options DEFAULT = new Options("holdfast", NodeIds.create(), 2,
                DEFAULT_MISFIRE_THRESHOLD, DEFAULT_CHECKIN_INTERVAL, Clock.systemUTC());

        public Options {
            Objects.requireNonNull(instanceName, "instanceName");
            Objects.requireNonNull(instanceId, "instanceId");
            Objects.requireNonNull(clock, "clock");
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1: " + threads);
            }
            requirePositive(misfireThreshold, "misfire threshold");
            requirePositive(clusterCheckinInterval, "cluster check-in interval");
        }

        private static void requirePositive(Duration value, String name) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be above zero: " + value);
            }
        }

        public Options withMisfireThreshold(Duration threshold) {
            return new Options(instanceName, instanceId, threads, threshold,
                    clusterCheckinInterval, clock);
        }

        public Options withClusterCheckinInterval(Duration interval) {
            return new Options(instanceName, instanceId, threads, misfireThreshold, interval,
                    clock);
        }

        public Options withInstanceId(String id) {
            return new Options(instanceName, id, threads, misfireThreshold,
                    clusterCheckinInterval, clock);
        }

        public Options withClock(Clock startClock) {
            return new Options(instanceName, instanceId, threads, misfireThreshold,
                    clusterCheckinInterval, startClock);
        }
    }

    /**
     * Starts Quartz on {@code store} with {@code schedules} and returns once it fires them.
     *
     * @throws SchedulerException when Quartz or the job store cannot start
     */
    public static JobScheduler start(JobStore store, List<Schedule> schedules, JobRunner runner,
            Options options) throws SchedulerException {
        JobScheduler scheduler = prepare(store, schedules, runner, options);
        scheduler.begin();
        return scheduler;
    }

    /**
     * Registers {@code schedules} in {@code store} like {@link #start} but fires nothing until
     * {@link #begin}, so that a service can finish starting, such as binding its API port,
     * before any job runs. {@link #stop} also works on a scheduler that never began.
     *
     * @throws SchedulerException when Quartz or the job store cannot start
     */
    public static JobScheduler prepare(JobStore store, List<Schedule> schedules,
            JobRunner runner, Options options) throws SchedulerException {
        Map<String, Schedule> byName = new LinkedHashMap<>();
        for (Schedule schedule : schedules) {
            if (byName.putIfAbsent(schedule.jobName(), schedule) != null) {
                throw new IllegalArgumentException("two schedules for job "
                        + schedule.jobName());
            }
        }
        JobScheduler scheduler = create(store, byName, runner, options);
        scheduler.description = describe(store);
        return scheduler;
    }

    /** Starts firing the jobs of a scheduler from {@link #prepare}. */
    public void begin() throws SchedulerException {
        try {
            quartz.start();
        } catch (SchedulerException | RuntimeException e) {
            quartz.shutdown(false);
            throw e;
        }
        LOG.info("scheduler {}: node {} started with {} jobs on {}", options.instanceName(),
                options.instanceId(), schedules.size(), description);
    }

    /**
     * Writes the triggers of {@code schedules} into {@code store} without firing any, as a
     * scheduler leaves them when it stops; tests use it to stand for a node that went down.
     * Returns the stored next fire time of each job.
     */
    static Map<String, Instant> install(JobStore store, List<Schedule> schedules, Options options)
            throws SchedulerException {
        Map<String, Schedule> byName = new LinkedHashMap<>();
        schedules.forEach(schedule -> byName.put(schedule.jobName(), schedule));
        JobScheduler scheduler = create(store, byName, (schedule, fire) -> { }, options);
        try {
            Map<String, Instant> next = new LinkedHashMap<>();
            for (String name : byName.keySet()) {
                next.put(name, scheduler.nextFireTime(name).orElseThrow());
            }
            return next;
        } finally {
            scheduler.quartz.shutdown(false);
        }
    }

    private static JobScheduler create(JobStore store, Map<String, Schedule> byName,
            JobRunner runner, Options options) throws SchedulerException {
        Scheduler quartz = new StdSchedulerFactory(properties(store, options)).getScheduler();
        JobScheduler scheduler = new JobScheduler(quartz, Map.copyOf(byName), options);
        try {
            quartz.getContext().put(QuartzJob.SCHEDULES, scheduler.schedules);
            quartz.getContext().put(QuartzJob.RUNNER, runner);
            quartz.getListenerManager().addTriggerListener(new MisfireLog(scheduler.schedules));
            RegistrationLock.run(store, options.instanceName(),
                    () -> scheduler.register(byName.values(), options.clock().instant()));
        } catch (SchedulerException | RuntimeException e) {
            quartz.shutdown(false);
            throw e;
        }
        return scheduler;
    }

    /** Returns this node's instance id, unique among the live nodes of a cluster. */
    public String instanceId() throws SchedulerException {
        return quartz.getSchedulerInstanceId();
    }

    /** Returns the next time the job fires, or empty when it never fires again. */
    public Optional<Instant> nextFireTime(String jobName) throws SchedulerException {
        Trigger trigger = quartz.getTrigger(TriggerKey.triggerKey(jobName, GROUP));
        if (trigger == null || trigger.getNextFireTime() == null) {
            return Optional.empty();
        }
        return Optional.of(trigger.getNextFireTime().toInstant());
    }

    /**
     * Fires the job once now, outside its schedule, on whichever node of a cluster takes the
     * fire first. A fire that comes while the job runs waits for that run to end.
     *
     * @return false when no job of this name is configured, and nothing fired
     */
    public boolean triggerNow(String jobName) throws SchedulerException {
        if (!schedules.containsKey(jobName)) {
            return false;
        }
        quartz.triggerJob(JobKey.jobKey(jobName, GROUP));
        LOG.info("job {}: triggered to run now", jobName);
        return true;
    }

    /** Returns whether the scheduler fires jobs: started, and neither stopping nor stopped. */
    public boolean running() throws SchedulerException {
        return quartz.isStarted() && !quartz.isInStandbyMode() && !quartz.isShutdown();
    }

    /**
     * Stops firing, lets running jobs finish for up to {@code grace}, then interrupts those
     * still running and shuts Quartz down.
     *
     * @return true when every running job finished within the grace period, or when the
     *     scheduler had stopped already
     */
    public boolean stop(Duration grace) throws SchedulerException {
        if (quartz.isShutdown()) {
            return true;
        }
        quartz.standby();
        Instant deadline = Instant.now().plus(grace);
        int running = quartz.getCurrentlyExecutingJobs().size();
        if (running > 0) {
            LOG.info("scheduler: stopping, waiting up to {} s for {} running jobs",
                    grace.toSeconds(), running);
        }
        while (running > 0 && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            running = quartz.getCurrentlyExecutingJobs().size();
        }
        boolean finished = running == 0;
        if (!finished) {
            LOG.warn("scheduler: {} jobs still running after the grace period of {} s, "
                    + "interrupting them", running, grace.toSeconds());
            for (var job : quartz.getCurrentlyExecutingJobs()) {
                quartz.interrupt(job.getFireInstanceId());
            }
            awaitInterrupted();
        }
        quartz.shutdown(quartz.getCurrentlyExecutingJobs().isEmpty());
        LOG.info("scheduler: stopped");
        return finished;
    }

    /**
     * Waits up to {@link #INTERRUPTED_WAIT} for interrupted jobs to end. A job that ends in
     * time has its end written to the job store, so no other node and no restart reruns it.
     */
    private void awaitInterrupted() throws SchedulerException {
        Instant deadline = Instant.now().plus(INTERRUPTED_WAIT);
        while (!quartz.getCurrentlyExecutingJobs().isEmpty()
                && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        int left = quartz.getCurrentlyExecutingJobs().size();
        if (left > 0) {
            LOG.warn("scheduler: {} interrupted jobs did not stop within {} s; the job store "
                    + "keeps them as running, so they run again as recovered jobs", left,
                    INTERRUPTED_WAIT.toSeconds());
        }
    }

    private void register(Iterable<Schedule> wanted, Instant start) throws SchedulerException {
        List<String> kept = new ArrayList<>();
        for (Schedule schedule : wanted) {
            if (unchanged(schedule)) {
                kept.add(schedule.jobName());
                continue;
            }
            JobDetail job = JobBuilder.newJob(QuartzJob.class)
                    .withIdentity(JobKey.jobKey(schedule.jobName(), GROUP))
                    .withDescription(schedule.kind())
                    // Another node reruns a job whose node died during the run.
                    .requestRecovery(true)
                    .build();
            quartz.scheduleJob(job, Set.of(trigger(schedule, start)), true);
        }
        if (!kept.isEmpty()) {
            LOG.debug("scheduler: kept the stored triggers of {}", kept);
        }
        for (JobKey stored : quartz.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            if (!schedules.containsKey(stored.getName())) {
                LOG.info("scheduler: removing job {}, which is no longer configured",
                        stored.getName());
                quartz.deleteJob(stored);
            }
        }
    }

    private boolean unchanged(Schedule schedule) throws SchedulerException {
        Trigger stored = quartz.getTrigger(TriggerKey.triggerKey(schedule.jobName(), GROUP));
        return stored instanceof CronTrigger cron
                && cron.getCronExpression().equals(schedule.cron())
                && cron.getTimeZone().getID().equals(
                        TimeZone.getTimeZone(schedule.zone()).getID())
                && schedule.misfire().configName().equals(
                        cron.getJobDataMap().getString(MISFIRE_KEY));
    }

    private static Trigger trigger(Schedule schedule, Instant start) {
        CronScheduleBuilder cron = CronScheduleBuilder.cronSchedule(schedule.cron())
                .inTimeZone(TimeZone.getTimeZone(schedule.zone()));
        cron = switch (schedule.misfire()) {
            case RUN_ONCE -> cron.withMisfireHandlingInstructionFireAndProceed();
            case SKIP -> cron.withMisfireHandlingInstructionDoNothing();
        };
        return TriggerBuilder.newTrigger()
                .withIdentity(TriggerKey.triggerKey(schedule.jobName(), GROUP))
                .usingJobData(MISFIRE_KEY, schedule.misfire().configName())
                .startAt(Date.from(start))
                .withSchedule(cron)
                .build();
    }

    private static Properties properties(JobStore store, Options options)
            throws SchedulerException {
        Properties properties = new Properties();
        properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME,
                options.instanceName());
        properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, options.instanceId());
        properties.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        properties.setProperty("org.quartz.threadPool.threadCount",
                Integer.toString(options.threads()));
        properties.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        properties.setProperty("org.quartz.jobStore.misfireThreshold",
                Long.toString(options.misfireThreshold().toMillis()));
        if (store.dataSource().isEmpty()) {
            properties.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS,
                    RAMJobStore.class.getName());
            return properties;
        }
        QuartzTables.Dialect dialect = prepareTables(store.dataSource().get());
        // Quartz looks the data source up by name in its connection manager.
        String dataSourceName = "holdfast-" + UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName,
                new DataSourceProvider(store.dataSource().get()));
        properties.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS,
                JobStoreTX.class.getName());
        properties.setProperty("org.quartz.jobStore.driverDelegateClass",
                dialect.delegateClass());
        properties.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        properties.setProperty("org.quartz.jobStore.isClustered",
                Boolean.toString(store.clustered()));
        if (store.clustered()) {
            properties.setProperty("org.quartz.jobStore.clusterCheckinInterval",
                    Long.toString(options.clusterCheckinInterval().toMillis()));
            // Nodes then take triggers one at a time under the row lock in QRTZ_LOCKS, rather
            // than racing on the triggers' state.
            properties.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        }
        properties.setProperty("org.quartz.jobStore.useProperties", "true");
        return properties;
    }

    private static QuartzTables.Dialect prepareTables(DataSource dataSource)
            throws SchedulerException {
        try (Connection connection = dataSource.getConnection()) {
            QuartzTables.Dialect dialect = QuartzTables.dialect(connection);
            QuartzTables.createIfAbsent(connection, dialect);
            return dialect;
        } catch (SQLException | IOException e) {
            throw new SchedulerException("cannot prepare the Quartz tables of the job store: "
                    + e.getMessage(), e);
        }
    }

    private static String describe(JobStore store) {
        if (store.dataSource().isEmpty()) {
            return "a job store in memory";
        }
        return store.clustered() ? "a clustered JDBC job store" : "a JDBC job store";
    }
}
