package dev.holdfast.orchestrator.api;

import dev.holdfast.scheduler.JobScheduler;
import dev.holdfast.scheduler.Schedule;
import java.time.Clock;
import java.util.List;

/**
 * The services that the endpoints read and control.
 *
 * @param version the version of holdfast, for /health
 * @param scheduler the running scheduler, for next fire times and triggers
 * @param schedules the configured jobs, in configuration order
 * @param catalog the catalog, for job runs, snapshots, provider health and metrics
 * @param metrics the meters that /metrics serves
 * @param clock the time of triggers and of the metrics' age checks
 */
public record ApiServices(String version, JobScheduler scheduler, List<Schedule> schedules,
        CatalogAccess catalog, CatalogMetrics metrics, Clock clock) {
    public ApiServices {
        schedules = List.copyOf(schedules);
    }
}
