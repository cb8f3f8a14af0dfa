package dev.holdfast.orchestrator.dbsource;

import dev.holdfast.orchestrator.guard.TableReading;
import dev.holdfast.orchestrator.config.DatabaseSourceConfig;
import dev.holdfast.orchestrator.config.SourceConfig;
import dev.holdfast.orchestrator.database.ConnectionSettings;
import dev.holdfast.orchestrator.database.DatabaseException;
import dev.holdfast.orchestrator.database.LeftoverDatabases;
import dev.holdfast.orchestrator.database.DatabaseSwap;
import dev.holdfast.orchestrator.database.RestoreOptions;
import dev.holdfast.orchestrator.database.StatisticsPoller;
import dev.holdfast.orchestrator.database.TableCount;
import dev.holdfast.repository.BackupSummary;
import dev.holdfast.repository.Progress;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.SnapshotInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts a database back as a snapshot recorded it. First a forensic snapshot keeps the
 * database as it is now, so nothing written since the chosen snapshot is lost. Then the
 * snapshot is restored into a new database, and only once that succeeded is it swapped in
 * under the original name; the damaged database stays beside it as
 * {@code NAME_damaged_SUFFIX}. A failure before the swap leaves the original untouched.
 */
public final class Rollback {
    /** Tag of a snapshot that kept a database's state just before a rollback. */
    public static final String FORENSIC_TAG = "forensic";
    private static final String RESTORE_INFIX = "_hfrestore_";
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter
            .ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final Repository repository;
    private final SourceConfig source;
    private final DatabaseSourceConfig database;
    private final Map<String, String> environment;

    public Rollback(Repository repository, SourceConfig source, Map<String, String> environment) {
        this.repository = repository;
        this.source = source;
        this.database = source.database().orElseThrow(() -> new IllegalArgumentException(
                "source \"" + source.name() + "\" is not a database source"));
        this.environment = environment;
    }

    /** One table as it is now and as the snapshot recorded it; -1 where it is absent. */
    public record TableChange(String table, long rowsNow, long rowsInSnapshot,
            boolean exact) {
    }

    /**
     * The steps of a rollback of database {@code name} to {@code snapshot}, as a dry run shows
     * them.
     *
     * @param keptName the name under which the damaged database will stay
     */
    public record Plan(DatabaseSnapshot snapshot, String name, List<TableChange> tables,
            String restoreName, String keptName, String suffix) {
    }

    /** The outcome of a rollback: the forensic snapshot, the kept database, any warnings. */
    public record Result(Plan plan, String forensicSnapshot, String keptName,
            List<String> warnings) {
    }

    /**
     * Returns the newest snapshot of the source taken before {@code before} that is not a
     * forensic snapshot, or empty when there is none.
     */
    public Optional<SnapshotInfo> newestBefore(Instant before) throws RepositoryException {
        String label = DatabaseSnapshot.label(database.kind(), source.name());
        return repository.snapshots().stream()
                .filter(s -> s.paths().equals(List.of(label)))
                .filter(s -> !s.tags().contains(FORENSIC_TAG))
                .filter(s -> s.time().isBefore(before))
                .max(Comparator.comparing(SnapshotInfo::time));
    }

    /** Plans a rollback of database {@code name} (empty: the only one) to {@code snapshotId}. */
    public Plan plan(String snapshotId, String name, Instant now) throws IOException,
            RepositoryException {
        // "latest" would pick a forensic snapshot after a rollback: the damaged state.
        SnapshotInfo info = "latest".equals(snapshotId)
                ? newestBefore(Instant.MAX).orElseThrow(() -> new DatabaseException("source \""
                        + source.name() + "\" has no snapshot to roll back to"))
                : repository.snapshot(snapshotId);
        DatabaseSnapshot snapshot = DatabaseSnapshot.of(repository, info)
                .filter(s -> s.source().equals(source.name()) && s.kind() == database.kind())
                .orElseThrow(() -> new DatabaseException("snapshot " + info.shortId()
                        + " is not a snapshot of database source \"" + source.name()
                        + "\": pick one from holdfast snapshots --json whose path is "
                        + DatabaseSnapshot.label(database.kind(), source.name())));
        if (info.tags().contains(FORENSIC_TAG)) {
            throw new DatabaseException("snapshot " + info.shortId() + " is a forensic snapshot "
                    + "of a damaged state: pick an earlier one, or restore it with holdfast "
                    + "restore " + info.shortId() + " --into-database NAME");
        }
        String picked = DatabaseRestore.pick(snapshot, name);
        if (!database.databases().contains(picked)) {
            throw new DatabaseException("database \"" + picked + "\" is not one of source \""
                    + source.name() + "\"'s databases " + database.databases());
        }
        String suffix = SUFFIX.format(now);
        return new Plan(snapshot, picked, compare(snapshot, picked),
                limit(picked, RESTORE_INFIX + suffix), picked + "_damaged_" + suffix, suffix);
    }

    private List<TableChange> compare(DatabaseSnapshot snapshot, String name)
            throws IOException, RepositoryException {
        Map<String, TableChange> tables = new LinkedHashMap<>();
        for (TableCount count : snapshot.statistics(name).tables()) {
            String table = count.schema() + "." + count.name();
            tables.put(table, new TableChange(table, -1, count.rows(), count.exact()));
        }
        for (TableReading reading : StatisticsPoller.read(settings(name),
                database.exactCountLimit())) {
            String table = reading.schema() + "." + reading.table();
            TableChange recorded = tables.get(table);
            tables.put(table, new TableChange(table, reading.liveRows(),
                    recorded == null ? -1 : recorded.rowsInSnapshot(),
                    reading.exact() && (recorded == null || recorded.exact())));
        }
        return List.copyOf(tables.values());
    }

    /**
     * Runs {@code plan}: forensic snapshot, restore into a new database, swap. Leftover
     * databases of earlier rollbacks that died before their swap are dropped first.
     */
    public Result execute(Plan plan, String host, List<String> forensicTags, Progress progress)
            throws IOException, RepositoryException {
        List<String> tags = new ArrayList<>(forensicTags);
        tags.addFirst(FORENSIC_TAG);
        BackupSummary forensic = DatabaseBackup.run(repository, source, host, tags,
                environment, progress);
        ConnectionSettings server = settings(DatabaseRestore.maintenanceDatabase(
                database.kind()));
        List<String> warnings = new ArrayList<>();
        for (String leftover : LeftoverDatabases.drop(server, plan.name(), RESTORE_INFIX)) {
            warnings.add("dropped \"" + leftover + "\", left by a rollback that stopped "
                    + "before its swap");
        }
        var restored = DatabaseRestore.run(plan.snapshot(), plan.name(), server,
                new RestoreOptions(plan.restoreName(), false, database.restoreJobs()), false);
        restored.ignoredErrors().forEach(e -> warnings.add("ignored as harmless: " + e));
        if (!restored.ownersKept()) {
            warnings.add("roles " + restored.missingRoles() + " are missing, so the restored "
                    + "objects belong to " + server.user());
        }
        String kept = DatabaseSwap.swap(server, plan.name(), plan.restoreName(), plan.suffix());
        return new Result(plan, forensic.snapshotId(), kept, warnings);
    }

    private ConnectionSettings settings(String name) {
        return Connections.of(source.name(), database, name, environment);
    }

    /** Shortens {@code name} so that it fits PostgreSQL's 63-byte limit with {@code tail}. */
    private String limit(String name, String tail) {
        int room = 63 - tail.length();
        String head = name;
        while (head.getBytes(StandardCharsets.UTF_8).length > room) {
            head = head.substring(0, head.length() - 1);
        }
        return head + tail;
    }
}
