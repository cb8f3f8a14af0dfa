package dev.holdfast.scheduler;

import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one fire of a job with the log lines that every run gets: one at the start, and one at
 * the end or on failure, each with the job name and the run id. The MDC keys {@code job} and
 * {@code run} carry the same values for the log lines of the work itself.
 */
public final class JobRuns {
    private static final Logger LOG = LoggerFactory.getLogger(JobRuns.class);

    private JobRuns() {
    }

    /** Returns a new run id: a random UUID, so that ids from several nodes never collide. */
    public static String newRunId() {
        return UUID.randomUUID().toString();
    }

    /**
     * Runs {@code schedule}'s job once now with {@code runner} and logs it.
     *
     * @throws Exception what the runner threw, after it was logged
     */
    public static void run(Schedule schedule, JobRunner runner, String runId) throws Exception {
        long started = System.nanoTime();
        try (MDC.MDCCloseable job = MDC.putCloseable("job", schedule.jobName());
                MDC.MDCCloseable run = MDC.putCloseable("run", runId)) {
            LOG.info("job {} run {}: started ({})", schedule.jobName(), runId, schedule.kind());
            try {
                runner.run(schedule, runId);
            } catch (Exception | Error e) {
                LOG.error("job {} run {}: failed after {}: {}", schedule.jobName(), runId,
                        elapsed(started), e.toString(), e);
                throw e;
            }
            LOG.info("job {} run {}: finished in {}", schedule.jobName(), runId,
                    elapsed(started));
        }
    }

    private static String elapsed(long startedNanos) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
        return elapsed.toMillis() + " ms";
    }
}
