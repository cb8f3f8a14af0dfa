package dev.holdfast.scheduler;

import java.time.Instant;
import java.util.Map;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job behind every schedule. It finds the schedule by the job's name in the
 * scheduler context, so that the runner always sees the configuration of this process rather
 * than what an older process stored in the job store. A job never overlaps itself, across the
 * nodes of a cluster too: a fire that comes while the previous run still works waits for it.
 */
@DisallowConcurrentExecution
public final class QuartzJob implements InterruptableJob {
    static final String SCHEDULES = "holdfast.schedules";
    static final String RUNNER = "holdfast.runner";
    private static final Logger LOG = LoggerFactory.getLogger(QuartzJob.class);

    private volatile Thread worker;

    /** Quartz creates one instance per fire through this constructor. */
    public QuartzJob() {
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        String name = context.getJobDetail().getKey().getName();
        Schedule schedule;
        JobRunner runner;
        JobFire fire;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Schedule> schedules =
                    (Map<String, Schedule>) context.getScheduler().getContext().get(SCHEDULES);
            schedule = schedules.get(name);
            runner = (JobRunner) context.getScheduler().getContext().get(RUNNER);
            fire = new JobFire(JobFire.newRunId(), scheduledTime(context),
                    context.getScheduler().getSchedulerInstanceId(), context.isRecovering());
        } catch (SchedulerException e) {
            throw new JobExecutionException("cannot read the scheduler context", e);
        }
        if (schedule == null) {
            LOG.warn("job {}: fired but not in this node's configuration, so nothing ran", name);
            return;
        }
        worker = Thread.currentThread();
        try {
            JobRuns.run(schedule, runner, fire);
        } catch (Exception e) {
            // JobRuns logged it. Quartz only records the failure; the trigger keeps firing.
            throw new JobExecutionException(e, false);
        } finally {
            worker = null;
            // Quartz next writes the end of the run to the job store on this thread, and H2
            // fails a statement that reads its file on an interrupted thread.
            Thread.interrupted();
        }
    }

    /**
     * Returns the fire time the run is for. Quartz recovers a run with a trigger of its own,
     * due when the run's node was found dead, and keeps the original fire time in the data.
     */
    private static Instant scheduledTime(JobExecutionContext context) {
        if (context.isRecovering()) {
            String original = context.getMergedJobDataMap().getString(
                    Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS);
            if (original != null) {
                return Instant.ofEpochMilli(Long.parseLong(original));
            }
        }
        return context.getScheduledFireTime().toInstant();
    }

    @Override
    public void interrupt() {
        Thread running = worker;
        if (running != null) {
            running.interrupt();
        }
    }
}
