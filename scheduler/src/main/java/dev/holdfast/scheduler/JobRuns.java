package dev.holdfast.scheduler;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one fire of a job with the log lines that every run gets: one at the start, and one at
 * the end or on failure. Each names the job, its source, the run id and the node, and never
 * the job's settings, so no secret reaches them. The MDC keys {@code job}, {@code run} and
 * {@code node} carry the same values for the log lines of the work itself.
 */
public final class JobRuns {
    private static final Logger LOG = LoggerFactory.getLogger(JobRuns.class);

    private JobRuns() {
    }

    /**
     * Runs {@code schedule}'s job once now with {@code runner} and logs it.
     *
     * @throws Exception what the runner threw, after it was logged
     */
    public static void run(Schedule schedule, JobRunner runner, JobFire fire) throws Exception {
        long started = System.nanoTime();
        String subject = subject(schedule, fire);
        try (MDC.MDCCloseable job = MDC.putCloseable("job", schedule.jobName());
                MDC.MDCCloseable run = MDC.putCloseable("run", fire.runId());
                MDC.MDCCloseable node = MDC.putCloseable("node", fire.node())) {
            LOG.info("{}: started ({}, fire time {}{})", subject, schedule.kind(),
                    fire.scheduledTime(), fire.recovering()
                            ? ", recovering the run of a node that stopped" : "");
            try {
                runner.run(schedule, fire);
            } catch (InterruptedException e) {
                // Stopping the service interrupts running jobs on purpose; that is no failure.
                LOG.warn("{}: interrupted after {}: {}", subject, elapsed(started),
                        e.getMessage());
                throw e;
            } catch (RuntimeException | Error e) {
                LOG.error("{}: failed after {}: {}", subject, elapsed(started), e.toString(), e);
                throw e;
            } catch (Exception e) {
                // The job's own message names the failure, and its stack trace adds nothing.
                LOG.error("{}: failed after {}: {}", subject, elapsed(started), e.getMessage());
                LOG.debug("{}: stack trace of the failure", subject, e);
                throw e;
            }
            LOG.info("{}: finished in {}", subject, elapsed(started));
        }
    }

    /**
     * Returns the start of every log line of a run, such as
     * {@code job backup:docs (source docs) run 5f0e… on node host-1}.
     */
    static String subject(Schedule schedule, JobFire fire) {
        String source = schedule.source().map(name -> " (source " + name + ")").orElse("");
        return "job " + schedule.jobName() + source + " run " + fire.runId() + " on node "
                + fire.node();
    }

    private static String elapsed(long startedNanos) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
        return elapsed.toMillis() + " ms";
    }
}
