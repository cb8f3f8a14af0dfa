package dev.holdfast.scheduler;

import java.util.Map;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job behind every schedule. It finds the schedule by the job's name in the
 * scheduler context, so that the runner always sees the configuration of this process rather
 * than what an older process stored in the job store. A job never overlaps itself: a fire
 * that comes while the previous run still works waits for it.
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
        try {
            @SuppressWarnings("unchecked")
            Map<String, Schedule> schedules =
                    (Map<String, Schedule>) context.getScheduler().getContext().get(SCHEDULES);
            schedule = schedules.get(name);
            runner = (JobRunner) context.getScheduler().getContext().get(RUNNER);
        } catch (SchedulerException e) {
            throw new JobExecutionException("cannot read the scheduler context", e);
        }
        if (schedule == null) {
            LOG.warn("job {}: fired but not in this node's configuration, so nothing ran", name);
            return;
        }
        worker = Thread.currentThread();
        try {
            JobRuns.run(schedule, runner, JobRuns.newRunId());
        } catch (Exception e) {
            // JobRuns logged it. Quartz only records the failure; the trigger keeps firing.
            throw new JobExecutionException(e, false);
        } finally {
            worker = null;
        }
    }

    @Override
    public void interrupt() {
        Thread running = worker;
        if (running != null) {
            running.interrupt();
        }
    }
}
