package dev.holdfast.scheduler;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One fire of a scheduled job, as the runner and the log lines see it.
 *
 * @param runId identifier of this run, unique across runs and nodes
 * @param scheduledTime the fire time that the trigger was due at, or for a recovered run the
 *     fire time of the run that its node did not finish
 * @param node the scheduler instance that runs it, unique among the nodes of a cluster
 * @param recovering whether this run repeats one that a node stopped during, without finishing
 */
public record JobFire(String runId, Instant scheduledTime, String node, boolean recovering) {

    public JobFire {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(scheduledTime, "scheduledTime");
        Objects.requireNonNull(node, "node");
    }

    /** Returns a fire due now on {@code node}, for a run that no trigger started. */
    public static JobFire now(String node) {
        return new JobFire(newRunId(), Instant.now(), node, false);
    }

    /** Returns a new run id: a random UUID, so that ids from several nodes never collide. */
    public static String newRunId() {
        return UUID.randomUUID().toString();
    }
}
