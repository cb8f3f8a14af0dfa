package dev.holdfast.orchestrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.orchestrator.catalog.CachedSnapshot;
import dev.holdfast.orchestrator.catalog.Catalog;
import dev.holdfast.orchestrator.catalog.CatalogException;
import dev.holdfast.orchestrator.catalog.Incident;
import dev.holdfast.orchestrator.catalog.Incidents;
import dev.holdfast.orchestrator.catalog.Incidents.NewIncident;
import dev.holdfast.orchestrator.catalog.RepositoryLeases;
import dev.holdfast.orchestrator.catalog.RepositoryLeases.Lease;
import dev.holdfast.orchestrator.config.GuardConfig;
import dev.holdfast.orchestrator.config.HoldfastConfig;
import dev.holdfast.orchestrator.config.SourceConfig;
import dev.holdfast.orchestrator.database.DatabaseException;
import dev.holdfast.orchestrator.database.DumpLayout;
import dev.holdfast.orchestrator.database.StatisticsPoller;
import dev.holdfast.orchestrator.database.TableStatistics;
import dev.holdfast.orchestrator.dbsource.Connections;
import dev.holdfast.orchestrator.dbsource.DatabaseSnapshot;
import dev.holdfast.orchestrator.dbsource.Rollback;
import dev.holdfast.orchestrator.guard.Detection;
import dev.holdfast.orchestrator.guard.Detector;
import dev.holdfast.orchestrator.guard.GuardAction;
import dev.holdfast.orchestrator.guard.Reading;
import dev.holdfast.orchestrator.guard.TableReading;
import dev.holdfast.orchestrator.guard.WebhookNotifier;
import dev.holdfast.repository.SnapshotInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bulk-deletion guard of {@code holdfast serve}: reads the table statistics of every
 * guarded database at the source's interval and judges them with a {@link Detector}. On a
 * detection it records an incident, freezes the source's retention, notifies, and runs the
 * same commands an operator would: a forensic backup, or a rollback to the newest snapshot
 * taken before the damage, which takes the forensic snapshot itself.
 *
 * <p>Polling runs outside Quartz because it fires every minute and keeps its history in
 * memory; recording every poll as a job run would flood the catalog. On a PostgreSQL catalog
 * each source is guarded by one node at a time, the holder of a catalog lease named
 * {@code guard:SOURCE}.
 */
final class GuardService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GuardService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CliContext context;
    private final HoldfastConfig config;
    private final Catalog catalog;
    private final boolean clustered;
    private final String node;
    private final List<Watch> watches = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("guard-poll").daemon().factory());
    private final ExecutorService responder = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("guard-respond").daemon().factory());

    /** One guarded database, with its detector and the baseline of its newest snapshot. */
    private final class Watch {
        final SourceConfig source;
        final GuardConfig guard;
        final String database;
        final Detector detector;
        final Optional<WebhookNotifier> notifier;
        final String runId = UUID.randomUUID().toString();
        volatile boolean responding;
        String baselineSnapshot;
        Optional<Reading> baseline = Optional.empty();

        Watch(SourceConfig source, GuardConfig guard, String database) {
            this.source = source;
            this.guard = guard;
            this.database = database;
            this.detector = new Detector(source.name(), guard.policy());
            this.notifier = webhook(guard).map(url -> new WebhookNotifier(
                    WebhookNotifier.Settings.of(url), context.clock()));
        }
    }

    GuardService(CliContext context, HoldfastConfig config, Catalog catalog, boolean clustered,
            String node) {
        this.context = context;
        this.config = config;
        this.catalog = catalog;
        this.clustered = clustered;
        this.node = node;
        for (SourceConfig source : config.sources()) {
            if (source.guard().isPresent() && source.database().isPresent()) {
                for (String database : source.database().get().databases()) {
                    watches.add(new Watch(source, source.guard().get(), database));
                }
            }
        }
    }

    /** Returns how many databases the guard watches. */
    int size() {
        return watches.size();
    }

    /** Starts polling; the first reading of each database is taken at once. */
    void start() {
        for (Watch watch : watches) {
            acknowledgeOpenIncident(watch);
            long interval = watch.guard.interval().toMillis();
            timer.scheduleWithFixedDelay(() -> poll(watch), 0, interval, TimeUnit.MILLISECONDS);
            LOG.info("guard {}: watching database \"{}\" every {} s", watch.source.name(),
                    watch.database, watch.guard.interval().toSeconds());
        }
    }

    /** Accepts the state that an earlier, still open incident left, so it does not fire again. */
    private void acknowledgeOpenIncident(Watch watch) {
        try {
            catalog.incidents().list(watch.source.name(), 1).stream()
                    .filter(Incident::unresolved).findFirst()
                    .ifPresent(incident -> watch.detector.acknowledge(incident.detectedAt()));
        } catch (CatalogException e) {
            LOG.warn("guard {}: cannot read earlier incidents: {}", watch.source.name(),
                    e.getMessage());
        }
    }

    private void poll(Watch watch) {
        if (watch.responding) {
            return;
        }
        try {
            if (clustered && !holdLease(watch)) {
                return;
            }
            Instant now = context.clock().instant();
            Reading reading = read(watch, now);
            LOG.debug("guard {}: read database \"{}\" at {}", watch.source.name(),
                    watch.database, now);
            refreshBaseline(watch);
            Optional<Detection> detection = watch.detector.judge(reading, watch.baseline);
            if (detection.isPresent()) {
                watch.responding = true;
                responder.execute(() -> respond(watch, detection.get()));
            }
        } catch (IOException | CatalogException | RuntimeException e) {
            LOG.warn("guard {}: cannot judge database \"{}\": {}", watch.source.name(),
                    watch.database, e.getMessage());
        }
    }

    private Reading read(Watch watch, Instant now) throws DatabaseException {
        var settings = Connections.of(watch.source.name(), watch.source.database().orElseThrow(),
                watch.database, context.environment());
        return new Reading(now, StatisticsPoller.read(settings,
                watch.source.database().get().exactCountLimit()));
    }

    /**
     * Takes or extends the source's lease. A lease lasts three intervals, so a node that dies
     * hands the source to another within that time.
     */
    private boolean holdLease(Watch watch) throws CatalogException {
        RepositoryLeases leases = catalog.repositoryLeases();
        Instant now = context.clock().instant();
        Instant expires = now.plus(watch.guard.interval().multipliedBy(3));
        String key = leaseKey(watch.source.name(), watch.database);
        if (leases.extend(key, watch.runId, expires)) {
            return true;
        }
        return leases.tryAcquire(new Lease(key, key, watch.runId, node, now, expires), now)
                .isEmpty();
    }

    /**
     * Returns the lease's key, {@code guard:SOURCE/DATABASE}, or for names too long for the
     * catalog's 64-character key, {@code guard:} and a SHA-256 prefix of them.
     */
    static String leaseKey(String source, String database) {
        String key = "guard:" + source + "/" + database;
        if (key.length() <= 64) {
            return key;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((source + "/" + database).getBytes(StandardCharsets.UTF_8));
            return "guard:" + java.util.HexFormat.of().formatHex(digest).substring(0, 58);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Loads the table counts of the source's newest snapshot when a newer one appeared. */
    private void refreshBaseline(Watch watch) throws CatalogException {
        Optional<SnapshotInfo> newest = newestSnapshot(watch, Instant.MAX);
        if (newest.isEmpty() || newest.get().id().equals(watch.baselineSnapshot)) {
            return;
        }
        SnapshotInfo snapshot = newest.get();
        String path = "/" + watch.source.name() + "/" + DumpLayout.path(watch.database,
                DumpLayout.TABLES);
        Command dump = run("dump", snapshot.id(), path);
        watch.baselineSnapshot = snapshot.id();
        if (dump.status() != ExitCodes.SUCCESS) {
            LOG.warn("guard {}: cannot read the table counts of snapshot {}, so readings are "
                    + "judged without them: {}", watch.source.name(), snapshot.shortId(),
                    dump.error());
            watch.baseline = Optional.empty();
            return;
        }
        try {
            TableStatistics statistics = TableStatistics.parse(dump.output());
            watch.baseline = Optional.of(new Reading(snapshot.time(), statistics.tables()
                    .stream().map(t -> new TableReading(t.schema(), t.name(), t.rows(),
                            t.exact(), TableReading.UNKNOWN, TableReading.UNKNOWN)).toList()));
        } catch (DatabaseException e) {
            LOG.warn("guard {}: {}", watch.source.name(), e.getMessage());
            watch.baseline = Optional.empty();
        }
    }

    /** Returns the source's newest snapshot taken before {@code before}, forensic ones aside. */
    private Optional<SnapshotInfo> newestSnapshot(Watch watch, Instant before)
            throws CatalogException {
        List<String> label = List.of(DatabaseSnapshot.label(
                watch.source.database().orElseThrow().kind(), watch.source.name()));
        return catalog.snapshots().list().stream().filter(c -> !c.forgotten())
                .map(CachedSnapshot::snapshot)
                .filter(s -> s.paths().equals(label))
                .filter(s -> !s.tags().contains(Rollback.FORENSIC_TAG))
                .filter(s -> !s.time().isAfter(before))
                .max(Comparator.comparing(SnapshotInfo::time));
    }

    private void respond(Watch watch, Detection detection) {
        String name = watch.source.name();
        try {
            Incidents incidents = catalog.incidents();
            NewIncident base = detection.toNewIncident();
            long id = incidents.record(new NewIncident(base.source(), base.detectedAt(),
                    base.intactAt(), base.rule(), base.action(), base.tables(),
                    "database \"" + watch.database + "\": " + base.message()));
            LOG.warn("guard {}: incident {}: {}; retention of the source is frozen", name, id,
                    detection.describe());
            notify(watch, WebhookNotifier.DETECTED, id);
            if (detection.action() == GuardAction.ROLLBACK) {
                rollBack(watch, detection, id);
            } else {
                forensicBackup(watch, id);
            }
        } catch (CatalogException | RuntimeException e) {
            LOG.error("guard {}: cannot respond to {}: {}", name, detection.describe(),
                    e.getMessage());
        } finally {
            watch.detector.acknowledge(detection.detectedAt());
            watch.responding = false;
        }
    }

    private void forensicBackup(Watch watch, long id) throws CatalogException {
        Command backup = run("backup", "--source", watch.source.name(), "--tag",
                Rollback.FORENSIC_TAG, "--tag", "incident:" + id, "--json");
        Incidents incidents = catalog.incidents();
        Instant now = context.clock().instant();
        if (backup.status() != ExitCodes.SUCCESS) {
            incidents.updateState(id, Incident.OPEN, "the forensic snapshot failed: "
                    + backup.error(), now);
            LOG.error("guard {}: incident {}: the forensic snapshot failed: {}",
                    watch.source.name(), id, backup.error());
            return;
        }
        incidents.setForensicSnapshot(id, backup.json().path("snapshot_id").asText(), now);
    }

    private void rollBack(Watch watch, Detection detection, long id) throws CatalogException {
        Incidents incidents = catalog.incidents();
        Optional<SnapshotInfo> target = newestSnapshot(watch, detection.intactAt());
        if (target.isEmpty()) {
            String message = "no snapshot of the source was taken before "
                    + detection.intactAt() + ", so nothing to roll back to";
            incidents.updateState(id, Incident.ROLLBACK_FAILED, message,
                    context.clock().instant());
            LOG.error("guard {}: incident {}: {}", watch.source.name(), id, message);
            notify(watch, WebhookNotifier.ROLLBACK_FAILED, id);
            forensicBackup(watch, id);
            return;
        }
        Command rollback = run("rollback", watch.source.name(), "--database", watch.database,
                "--to", target.get().id(), "--tag", "incident:" + id, "--json");
        Instant now = context.clock().instant();
        if (rollback.status() != ExitCodes.SUCCESS) {
            incidents.updateState(id, Incident.ROLLBACK_FAILED, "the rollback to snapshot "
                    + target.get().shortId() + " failed, and the database is as the guard "
                    + "found it: " + rollback.error(), now);
            LOG.error("guard {}: incident {}: rollback failed: {}", watch.source.name(), id,
                    rollback.error());
            notify(watch, WebhookNotifier.ROLLBACK_FAILED, id);
            return;
        }
        JsonNode done = rollback.json();
        incidents.setForensicSnapshot(id, done.path("forensic_snapshot").asText(), now);
        String kept = done.path("kept_database").asText();
        incidents.setRestored(id, target.get().id(), kept, now);
        incidents.updateState(id, Incident.ROLLED_BACK, "rolled database \"" + watch.database
                + "\" back to snapshot " + target.get().shortId() + "; rows written after "
                + target.get().time() + " are in database \"" + kept + "\" and in forensic "
                + "snapshot " + done.path("forensic_snapshot").asText() + " (holdfast restore "
                + "SNAPSHOT --into-database NAME)", now);
        watch.detector.clear();
        LOG.warn("guard {}: incident {}: rolled database \"{}\" back to snapshot {}",
                watch.source.name(), id, watch.database, target.get().shortId());
        notify(watch, WebhookNotifier.ROLLED_BACK, id);
    }

    private void notify(Watch watch, String event, long id) throws CatalogException {
        if (watch.notifier.isEmpty()) {
            return;
        }
        Optional<Incident> incident = catalog.incidents().find(id);
        incident.ifPresent(i -> watch.notifier.get().send(event, i));
    }

    private Optional<URI> webhook(GuardConfig guard) {
        Optional<String> url = guard.webhook().or(() -> guard.webhookEnv()
                .map(name -> context.environment().get(name)));
        return url.map(URI::create);
    }

    /** The outcome of one command run in this process. */
    private record Command(int status, byte[] output, String error) {
        JsonNode json() {
            try {
                return JSON.readTree(output);
            } catch (IOException e) {
                return JSON.createObjectNode();
            }
        }
    }

    /** Runs holdfast with {@code arguments} in this process, capturing both outputs. */
    private Command run(String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext captured = new CliContext(context.environment(), new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                null, context.workingDirectory(), context.zone(), context.clock(),
                Optional.empty());
        List<String> all = new ArrayList<>(List.of("--config", config.file().toString()));
        // Each command sets the log levels again, so a verbose service stays verbose.
        if (LoggerFactory.getLogger("dev.holdfast").isDebugEnabled()) {
            all.add("--verbose");
        }
        all.addAll(List.of(arguments));
        int status = Holdfast.run(captured, all.toArray(String[]::new));
        return new Command(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8)
                .strip());
    }

    @Override
    public void close() {
        timer.shutdownNow();
        responder.shutdown();
        try {
            if (!responder.awaitTermination(30, TimeUnit.SECONDS)) {
                responder.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watches.forEach(w -> w.notifier.ifPresent(WebhookNotifier::close));
    }

    /** Returns the interval of the fastest guard, for tests and the start-up line. */
    Optional<Duration> shortestInterval() {
        return watches.stream().map(w -> w.guard.interval()).min(Comparator.naturalOrder());
    }
}
