package dev.holdfast.orchestrator.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code service} section: settings of {@code holdfast serve}.
 *
 * @param stateDir absolute folder of the service's own files; older versions kept the job
 *     store there, which serve deletes
 * @param gracePeriod how long running jobs may take to finish once serve is asked to stop
 * @param misfireThreshold how late a fire may be before the misfire policy decides about it
 * @param clusterCheckinInterval how often a node on a PostgreSQL catalog records that it is
 *     alive, which bounds how soon the other nodes recover the jobs of a node that died
 * @param lockWait how long a job that writes the repository waits for another such job
 * @param lockLease how long the catalog lock of a job outlives its node
 * @param api the HTTP API and its certificates
 */
public record ServiceConfig(Path stateDir, Duration gracePeriod, Duration misfireThreshold,
        Duration clusterCheckinInterval, Duration lockWait, Duration lockLease, ApiConfig api) {
    /** Quartz's default misfire threshold. */
    public static final Duration DEFAULT_MISFIRE_THRESHOLD = Duration.ofSeconds(60);
    /** Quartz's default check-in interval. */
    public static final Duration DEFAULT_CHECKIN_INTERVAL = Duration.ofMillis(7500);
    /**
     * Long enough for the nightly backups of several sources into one repository to run one
     * after the other. A job that waits longer fails and runs at its next fire time.
     */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofHours(1);
    /** Extended every 20 s, so a dead node's lease expires within a minute. */
    public static final Duration DEFAULT_LOCK_LEASE = Duration.ofSeconds(60);

    /** Creates the settings of a service without the HTTP API. */
    public ServiceConfig(Path stateDir, Duration gracePeriod, Duration misfireThreshold,
            Duration clusterCheckinInterval, Duration lockWait, Duration lockLease) {
        this(stateDir, gracePeriod, misfireThreshold, clusterCheckinInterval, lockWait,
                lockLease, ApiConfig.off(stateDir));
    }
}
