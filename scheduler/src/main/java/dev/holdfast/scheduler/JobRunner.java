package dev.holdfast.scheduler;

/** Does the work of a scheduled job. The application implements it. */
@FunctionalInterface
public interface JobRunner {
    /**
     * Runs one fire of {@code schedule}'s job on the calling thread. The scheduler interrupts
     * the thread when it stops and the grace period has passed, so long work should check
     * {@link Thread#isInterrupted()} and stop at a safe point.
     *
     * @param fire the run id, fire time and node that log lines and records of the run carry
     * @throws Exception when the run failed; the scheduler logs it and keeps the schedule
     */
    void run(Schedule schedule, JobFire fire) throws Exception;
}
