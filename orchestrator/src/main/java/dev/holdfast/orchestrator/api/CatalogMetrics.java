package dev.holdfast.orchestrator.api;

import dev.holdfast.orchestrator.catalog.Catalog;
import dev.holdfast.orchestrator.catalog.CatalogException;
import dev.holdfast.orchestrator.catalog.Incidents;
import dev.holdfast.orchestrator.catalog.JobRun;
import dev.holdfast.orchestrator.catalog.ProviderHealthRows;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prometheus metrics computed from the catalog, which every node of a cluster shares: each
 * scrape reads the job runs and provider health rows stored since the previous scrape and
 * updates the meters. Counters therefore count every run in the catalog's history, and every
 * node reports the same values for the whole cluster.
 *
 * <p>Meters, by their Prometheus names:
 * <ul>
 * <li>{@code holdfast_job_last_success_timestamp_seconds{job}} and
 *     {@code holdfast_job_last_success_duration_seconds{job}}: end time and duration of the
 *     newest successful run of each job;
 * <li>{@code holdfast_job_runs_total{job,outcome}}: finished runs;
 * <li>{@code holdfast_backup_added_bytes_total{job}}: bytes that backups added to the
 *     repository after deduplication;
 * <li>{@code holdfast_objects_under_replicated{repository}}: objects below the placement
 *     rules as the newest backup, check or repair of the repository counted them;
 * <li>{@code holdfast_provider_errors_total{provider}}: the calls to the provider that failed
 *     after their retries in every command, results of {@code catalog rebuild} other than ok,
 *     and providers that a check could not list;
 * <li>{@code holdfast_incidents_total{source}}: incidents that the bulk-deletion guard recorded;
 * <li>{@code holdfast_incidents_unresolved{source}}: those not closed (open, rolled back or
 *     rollback failed), whose freeze usually still stops retention;
 * <li>{@code holdfast_incident_newest_unresolved_timestamp_seconds{source}}: when the newest
 *     unresolved incident was detected, or 0 when there is none;
 * <li>{@code holdfast_restore_test_last_success_timestamp_seconds{source}}: end of the newest
 *     restore test run in which every check of the source passed;
 * <li>{@code holdfast_catalog_reachable} and {@code holdfast_scheduler_running}: 1 or 0.
 * </ul>
 */
public final class CatalogMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogMetrics.class);
    /** Rows read per query while catching up with the catalog. */
    private static final int PAGE = 1000;
    /**
     * Age after which a run still marked running is taken for one whose process died, so that
     * it no longer holds back the scan.
     */
    // NOTE: such a run is never counted, even if it does end later.
    static final Duration ABANDONED_AFTER = Duration.ofDays(7);

    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Newest> lastSuccess = new ConcurrentHashMap<>();
    private final Map<String, Newest> underReplicated = new ConcurrentHashMap<>();
    private final Map<String, Value> restoreTestPassed = new ConcurrentHashMap<>();
    private final Set<Long> countedAboveCursor = new HashSet<>();
    /** The incident meters of each source; the map keeps their values reachable. */
    private final Map<String, IncidentMeters> incidents = new ConcurrentHashMap<>();
    /** The HELP text of each meter, by its Micrometer name. */
    private static final Map<String, String> HELP = Map.ofEntries(
            Map.entry("holdfast.catalog.reachable",
                    "1 when the last scrape could read the catalog"),
            Map.entry("holdfast.scheduler.running", "1 while this node's scheduler fires jobs"),
            Map.entry("holdfast.job.last.success.timestamp",
                    "end of the newest successful run of the job"),
            Map.entry("holdfast.job.last.success.duration",
                    "duration of the newest successful run"),
            Map.entry("holdfast.job.runs", "finished runs of the job by outcome"),
            Map.entry("holdfast.backup.added", "bytes that backups added after deduplication"),
            Map.entry("holdfast.objects.under.replicated", "objects below the placement rules, "
                    + "as the newest backup, check or repair of the repository counted them"),
            Map.entry("holdfast.provider.errors", "calls to the provider that failed after "
                    + "retries, and times it could not be opened or listed"),
            Map.entry("holdfast.incidents", "bulk deletions that the guard recorded"),
            Map.entry("holdfast.incidents.unresolved", "incidents of the source not closed"),
            Map.entry("holdfast.incident.newest.unresolved.timestamp", "detection time of the "
                    + "newest unresolved incident of the source, 0 when there is none"),
            Map.entry("holdfast.restore.test.last.success.timestamp", "end of the newest "
                    + "restore test in which every check of the source passed"));
    private final Value catalogReachable = new Value();
    private final Value schedulerRunning = new Value();
    /** Every run with an ID up to this one has been counted, or abandoned. */
    private long runCursor;
    private long healthCursor;

    public CatalogMetrics() {
        gauge("holdfast.catalog.reachable", null, catalogReachable, List.of());
        gauge("holdfast.scheduler.running", null, schedulerRunning, List.of());
    }

    /**
     * Reads what the catalog stored since the last call, updates the meters, and returns them
     * in Prometheus's text format. An unreachable catalog leaves the meters as they were and
     * sets {@code holdfast_catalog_reachable} to 0.
     *
     * @param catalog the catalog, or null when it cannot be opened
     */
    public synchronized String scrape(Catalog catalog, boolean scheduler, Instant now) {
        schedulerRunning.set(scheduler ? 1 : 0);
        boolean reachable = false;
        if (catalog != null) {
            try {
                readRuns(catalog, now);
                readHealth(catalog);
                readIncidents(catalog);
                readRestoreTests(catalog);
                reachable = true;
            } catch (CatalogException e) {
                LOG.warn("api: metrics not updated from the catalog: {}",
                        e.getMessage());
            }
        }
        catalogReachable.set(reachable ? 1 : 0);
        return registry.scrape();
    }

    private void readRuns(Catalog catalog, Instant now) throws CatalogException {
        long scanned = runCursor;
        long firstRunning = -1;
        List<JobRun> page;
        do {
            page = catalog.jobRuns().after(scanned, PAGE);
            for (JobRun run : page) {
                scanned = run.id();
                if (!JobRun.RUNNING.equals(run.outcome())) {
                    if (countedAboveCursor.add(run.id())) {
                        count(run);
                    }
                } else if (firstRunning < 0 && run.started().isAfter(now.minus(ABANDONED_AFTER))) {
                    firstRunning = run.id();
                }
            }
        } while (page.size() == PAGE);
        runCursor = firstRunning < 0 ? scanned : firstRunning - 1;
        countedAboveCursor.removeIf(id -> id <= runCursor);
    }

    private void count(JobRun run) {
        Counter.builder("holdfast.job.runs").description(HELP.get("holdfast.job.runs"))
                .tag("job", run.job()).tag("outcome", run.outcome())
                .register(registry).increment();
        if (run.ended() == null) {
            return;
        }
        if (JobRun.SUCCESS.equals(run.outcome())) {
            Newest newest = newest(lastSuccess, run.job(), () -> {
                Newest created = new Newest();
                gauge("holdfast.job.last.success.timestamp", "seconds", created.value,
                        List.of("job", run.job()));
                gauge("holdfast.job.last.success.duration", "seconds", created.extra,
                        List.of("job", run.job()));
                return created;
            });
            double seconds = Duration.between(run.started(), run.ended()).toMillis() / 1000.0;
            newest.offer(run.ended(), run.ended().toEpochMilli() / 1000.0, seconds);
        }
        Object bytesAdded = run.figures().get("bytes_added");
        if (bytesAdded instanceof Number bytes && bytes.doubleValue() > 0) {
            Counter.builder("holdfast.backup.added").baseUnit("bytes")
                    .description(HELP.get("holdfast.backup.added")).tag("job", run.job())
                    .register(registry).increment(bytes.doubleValue());
        }
        // Backups, checks and repairs each count what they saw, and the newest count is the
        // repository's state. A repair that healed everything thus sets the gauge to 0.
        Object objects = run.figures().getOrDefault("under_replicated",
                run.figures().get("placement_violations"));
        if (objects instanceof Number count && run.repositoryId() != null) {
            newest(underReplicated, run.repositoryId(), () -> {
                Newest created = new Newest();
                gauge("holdfast.objects.under.replicated", null, created.value,
                        List.of("repository", run.repositoryId()));
                return created;
            }).offer(run.ended(), count.doubleValue(), 0);
        }
        if (run.figures().get("unreachable_providers") instanceof List<?> providers) {
            providers.forEach(provider -> providerError(String.valueOf(provider)));
        }
    }

    private void readHealth(Catalog catalog) throws CatalogException {
        List<ProviderHealthRows.Stored> page;
        do {
            page = catalog.providerHealth().after(healthCursor, PAGE);
            for (ProviderHealthRows.Stored row : page) {
                healthCursor = row.id();
                if (row.health().errors() > 0) {
                    providerErrors(row.health().provider(), row.health().errors());
                }
            }
        } while (page.size() == PAGE);
    }

    /** Sets the incident meters from the catalog's counts, which only ever grow. */
    private void readIncidents(Catalog catalog) throws CatalogException {
        for (Incidents.SourceSummary summary : catalog.incidents().summary()) {
            IncidentMeters meters = incidents.computeIfAbsent(summary.source(),
                    this::incidentMeters);
            meters.total.set(summary.incidents());
            meters.unresolved.set(summary.unresolved());
            meters.newest.set(summary.newestUnresolved() == null ? 0
                    : summary.newestUnresolved().toEpochMilli() / 1000.0);
        }
    }

    private IncidentMeters incidentMeters(String source) {
        IncidentMeters meters = new IncidentMeters();
        FunctionCounter.builder("holdfast.incidents", meters.total, Value::get)
                .description(HELP.get("holdfast.incidents")).tag("source", source)
                .register(registry);
        gauge("holdfast.incidents.unresolved", null, meters.unresolved,
                List.of("source", source));
        gauge("holdfast.incident.newest.unresolved.timestamp", "seconds", meters.newest,
                List.of("source", source));
        return meters;
    }

    /**
     * Sets each source's time of its newest passed restore test. The catalog returns one row
     * per source, so the whole set is read on every scrape.
     */
    private void readRestoreTests(Catalog catalog) throws CatalogException {
        catalog.restoreTestReports().lastPassedBySource().forEach((source, finished) ->
                restoreTestPassed.computeIfAbsent(source, name -> {
                    Value created = new Value();
                    gauge("holdfast.restore.test.last.success.timestamp", "seconds", created,
                            List.of("source", name));
                    return created;
                }).set(finished.toEpochMilli() / 1000.0));
    }

    private void providerError(String provider) {
        providerErrors(provider, 1);
    }

    private void providerErrors(String provider, long count) {
        Counter.builder("holdfast.provider.errors")
                .description(HELP.get("holdfast.provider.errors")).tag("provider", provider)
                .register(registry)
                .increment(count);
    }

    private static Newest newest(Map<String, Newest> meters, String job,
            Supplier<Newest> create) {
        return meters.computeIfAbsent(job, name -> create.get());
    }

    private void gauge(String name, String unit, Value value, List<String> tags) {
        Gauge.builder(name, value, Value::get).baseUnit(unit).description(HELP.get(name))
                .tags(tags.toArray(String[]::new)).strongReference(true).register(registry);
    }

    /** A gauge's value, written by the scrape and read by the registry. */
    private static final class Value {
        private volatile double current;

        double get() {
            return current;
        }

        void set(double value) {
            current = value;
        }
    }

    /** The incident figures of one source. */
    private static final class IncidentMeters {
        private final Value total = new Value();
        private final Value unresolved = new Value();
        private final Value newest = new Value();
    }

    /** A value and a second one that belong to the newest run seen so far. */
    private static final class Newest {
        private final Value value = new Value();
        private final Value extra = new Value();
        private Instant time = Instant.MIN;

        void offer(Instant at, double newValue, double newExtra) {
            if (!at.isBefore(time)) {
                time = at;
                value.set(newValue);
                extra.set(newExtra);
            }
        }
    }
}
