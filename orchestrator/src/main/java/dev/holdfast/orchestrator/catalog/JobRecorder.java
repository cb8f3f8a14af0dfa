package dev.holdfast.orchestrator.catalog;

import dev.holdfast.orchestrator.config.CatalogConfig;
import dev.holdfast.repository.SnapshotInfo;
import dev.holdfast.repository.retention.DeletedSnapshot;
import dev.holdfast.scheduler.JobFire;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Records job runs and keeps the snapshot cache in the catalog on behalf of a job, without
 * ever failing it: the catalog is a cache and a history, and a backup that worked must not be
 * reported as failed because its record could not be written. Every catalog error becomes a
 * warning through the sink given to {@link #open}, and the job goes on.
 */
public final class JobRecorder implements AutoCloseable {
    private final Catalog catalog;
    private final Consumer<String> warnings;
    private final String node;
    private final Clock clock;
    private final Optional<JobFire> fire;

    private JobRecorder(Catalog catalog, Consumer<String> warnings, String node, Clock clock,
            Optional<JobFire> fire) {
        this.catalog = catalog;
        this.warnings = warnings;
        this.node = fire.map(JobFire::node).orElse(node);
        this.clock = clock;
        this.fire = fire;
    }

    /**
     * Opens the configured catalog, or returns a recorder that records nothing when the
     * catalog is disabled, the thread is interrupted, or the catalog cannot be opened. The
     * last is reported through {@code warnings}.
     *
     * @param node host name stored with each run
     */
    public static JobRecorder open(CatalogConfig config, Map<String, String> environment,
            Consumer<String> warnings, String node, Clock clock) {
        return open(config, environment, warnings, node, clock, Optional.empty());
    }

    /**
     * Opens the catalog as {@link #open(CatalogConfig, Map, Consumer, String, Clock)} does, for
     * the runs of a scheduled job's {@code fire}: they store its run id, fire time and node.
     */
    public static JobRecorder open(CatalogConfig config, Map<String, String> environment,
            Consumer<String> warnings, String node, Clock clock, Optional<JobFire> fire) {
        if (!config.enabled() || Thread.currentThread().isInterrupted()) {
            // An interrupted thread cannot open the H2 file, and the job stops at once anyway.
            // TODO: an interrupted run is not recorded.
            return new JobRecorder(null, warnings, node, clock, fire);
        }
        try {
            return new JobRecorder(Catalog.open(config, environment), warnings, node, clock,
                    fire);
        } catch (CatalogException | RuntimeException e) {
            warnings.accept(e.getMessage() + "; this run is not recorded in the catalog");
            return new JobRecorder(null, warnings, node, clock, fire);
        }
    }

    /** Returns a recorder that records nothing. */
    public static JobRecorder disabled() {
        return new JobRecorder(null, message -> { }, "", Clock.systemUTC(), Optional.empty());
    }

    /** Returns the open catalog, or empty when this recorder records nothing. */
    public Optional<Catalog> catalog() {
        return Optional.ofNullable(catalog);
    }

    /**
     * Records the start of a run.
     *
     * @param kind backup, forget, prune or check
     * @param source the source a backup reads, or null
     */
    public Run start(String kind, String source) {
        String job = source == null ? kind : kind + "/" + source;
        long id = -1;
        if (catalog != null) {
            try {
                if (fire.isPresent() && fire.get().recovering()) {
                    catalog.jobRuns().abandon(job, fire.get().scheduledTime(), clock.instant(),
                            fire.get().node());
                }
                id = catalog.jobRuns().start(job, kind, source, node, clock.instant(),
                        fire.map(JobFire::runId).orElse(null),
                        fire.map(JobFire::scheduledTime).orElse(null));
            } catch (CatalogException | RuntimeException e) {
                warn(e);
            }
        }
        return new Run(id, job);
    }

    /** Stores the outcome of the command's calls to each provider. */
    public void providerHealth(List<ProviderHealthRows.Health> results) {
        if (catalog != null && !results.isEmpty()) {
            try {
                catalog.providerHealth().add(results);
            } catch (CatalogException | RuntimeException e) {
                warn(e);
            }
        }
    }

    /** Adds the snapshot that a backup has just written to the cached snapshot list. */
    public void snapshotAdded(String repositoryId, SnapshotInfo snapshot) {
        if (catalog != null) {
            try {
                catalog.snapshots().add(repositoryId, snapshot);
            } catch (CatalogException | RuntimeException e) {
                warn(e);
            }
        }
    }

    /** Replaces the cached snapshot list after a forget or prune changed it. */
    public void snapshotsChanged(String repositoryId, List<SnapshotInfo> live,
            List<DeletedSnapshot> forgotten) {
        if (catalog != null) {
            try {
                catalog.snapshots().replace(repositoryId, live, forgotten);
            } catch (CatalogException | RuntimeException e) {
                warn(e);
            }
        }
    }

    private void warn(Exception e) {
        warnings.accept(e.getMessage() + "; the job goes on without it");
    }

    /** Closes the catalog; an interrupted thread stays interrupted, but closes it in full. */
    @Override
    public void close() {
        if (catalog != null) {
            boolean interrupted = Thread.interrupted();
            try {
                catalog.close();
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** One run of a job; the first call of a finishing method stores its end. */
    public final class Run {
        private final long id;
        private final String job;
        private final Map<String, Object> figures = new LinkedHashMap<>();
        private String repositoryId;
        private boolean finished;

        private Run(long id, String job) {
            this.id = id;
            this.job = job;
        }

        /** Sets the repository the run works on, once it is open. */
        public Run repository(String id) {
            this.repositoryId = id;
            return this;
        }

        /** Adds what the run counted, such as bytes_added. */
        public Run figure(String name, Object value) {
            figures.put(name, value);
            return this;
        }

        public void succeeded() {
            finish(JobRun.SUCCESS, null);
        }

        /** Ends a backup that could not read every file. */
        public void partial(String message) {
            finish(JobRun.PARTIAL, message);
        }

        /** Ends a run that failed or was interrupted with {@code error}. */
        public void failed(Throwable error) {
            boolean interrupted = error instanceof InterruptedException
                    || Thread.currentThread().isInterrupted();
            String message = error.getMessage() == null
                    ? error.getClass().getSimpleName() : error.getMessage();
            finish(interrupted ? JobRun.INTERRUPTED : JobRun.FAILED, message);
        }

        private void finish(String outcome, String error) {
            if (finished || catalog == null || id < 0) {
                return;
            }
            finished = true;
            // H2 fails a statement that reads its file on an interrupted thread, so the flag
            // is cleared for the write and set again after it.
            boolean interrupted = Thread.interrupted();
            try {
                catalog.jobRuns().finish(id, repositoryId, clock.instant(), outcome, figures,
                        error);
            } catch (CatalogException | RuntimeException e) {
                warn(e);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** Returns the job's name, such as backup/documents. */
        public String job() {
            return job;
        }
    }
}
