package dev.holdfast.orchestrator.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code service} section: settings of {@code holdfast serve}.
 *
 * @param stateDir absolute folder of the service's own state, such as the job store database
 * @param gracePeriod how long running jobs may take to finish once serve is asked to stop
 * @param misfireThreshold how late a fire may be before the misfire policy decides about it
 * @param api the HTTP API and its certificates
 */
public record ServiceConfig(Path stateDir, Duration gracePeriod, Duration misfireThreshold,
        ApiConfig api) {
    /** Quartz's default misfire threshold. */
    public static final Duration DEFAULT_MISFIRE_THRESHOLD = Duration.ofSeconds(60);

    /** Creates the settings of a service without the HTTP API. */
    public ServiceConfig(Path stateDir, Duration gracePeriod, Duration misfireThreshold) {
        this(stateDir, gracePeriod, misfireThreshold, ApiConfig.off(stateDir));
    }
}
