package dev.holdfast.orchestrator.catalog;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of a job as the catalog stores it.
 *
 * @param id the catalog's number for the run
 * @param job name of the job, such as backup/documents
 * @param kind what the job does: backup, forget, prune or check
 * @param source the source it backed up, or null
 * @param repositoryId the repository's ID, or null when the run failed before opening it
 * @param node host name of the machine that ran it, or the scheduler node of a scheduled run
 * @param started when it started
 * @param ended when it ended, or null while it runs or when its process died
 * @param outcome {@value #RUNNING}, {@value #SUCCESS}, {@value #PARTIAL}, {@value #FAILED} or
 *     {@value #INTERRUPTED}
 * @param figures what the job counted, such as bytes_added; empty when it counted nothing
 * @param error the error message of a failed run, or null
 * @param runId the scheduler's id of the run, or null for a command run by hand
 * @param scheduledAt the fire time that a scheduled run was due at, or null for a command run
 *     by hand. A run that recovered the unfinished run of another node has that run's time.
 */
public record JobRun(long id, String job, String kind, String source, String repositoryId,
        String node, Instant started, Instant ended, String outcome, Map<String, Object> figures,
        String error, String runId, Instant scheduledAt) {
    public static final String RUNNING = "running";
    public static final String SUCCESS = "success";
    public static final String PARTIAL = "partial";
    public static final String FAILED = "failed";
    public static final String INTERRUPTED = "interrupted";

    public JobRun {
        // Figures may hold nulls, which Map.copyOf rejects, and keep their order for display.
        figures = figures == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }
}
