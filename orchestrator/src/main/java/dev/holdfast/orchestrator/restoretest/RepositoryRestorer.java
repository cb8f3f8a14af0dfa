package dev.holdfast.orchestrator.restoretest;

import dev.holdfast.orchestrator.config.SourceConfig;
import dev.holdfast.orchestrator.database.ConnectionSettings;
import dev.holdfast.orchestrator.database.DatabaseKind;
import dev.holdfast.orchestrator.database.RestoreOptions;
import dev.holdfast.orchestrator.database.RestoreResult;
import dev.holdfast.orchestrator.database.TableCount;
import dev.holdfast.orchestrator.dbsource.DatabaseSnapshot;
import dev.holdfast.repository.Entry;
import dev.holdfast.repository.PathNames;
import dev.holdfast.repository.Progress;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.RestoreRequest;
import dev.holdfast.repository.RestoreSummary;
import dev.holdfast.repository.SnapshotInfo;
import dev.holdfast.restoretester.DatabaseRestore;
import dev.holdfast.restoretester.DatabaseTarget;
import dev.holdfast.restoretester.FileRestore;
import dev.holdfast.restoretester.RecordedEntry;
import dev.holdfast.restoretester.RestoreException;
import dev.holdfast.restoretester.RestoreProblem;
import dev.holdfast.restoretester.SnapshotRestorer;
import dev.holdfast.restoretester.SnapshotSummary;
import dev.holdfast.restoretester.TableRows;
import dev.holdfast.restoretester.TestSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The restore tester's access to the repository: it lists the snapshots of a configured
 * source, restores them with {@link Repository#restore}, and reads back what they recorded,
 * hashing each file's content as the repository returns it.
 *
 * <p>A snapshot belongs to a source when it recorded exactly the source's snapshot paths, on
 * any host, so that a restore test may run on another machine than the backups.
 */
public final class RepositoryRestorer implements SnapshotRestorer {
    private static final byte[] ROOT = {'/'};

    private final Repository repository;
    private final List<SourceConfig> sources;

    public RepositoryRestorer(Repository repository, List<SourceConfig> sources) {
        this.repository = repository;
        this.sources = List.copyOf(sources);
    }

    @Override
    public List<SnapshotSummary> snapshots(TestSource source) throws RestoreException {
        SourceConfig config = sources.stream().filter(s -> s.name().equals(source.name()))
                .findFirst().orElseThrow(() -> new RestoreException("source \"" + source.name()
                        + "\" is not in the configuration", null));
        List<String> paths = config.snapshotPaths().stream().sorted().toList();
        List<SnapshotInfo> live;
        try {
            live = repository.snapshots();
        } catch (RepositoryException e) {
            throw new RestoreException("cannot list the snapshots of repository "
                    + repository.id() + ": " + e.getMessage(), Damage.object(e), e);
        }
        return live.stream().filter(s -> s.paths().stream().sorted().toList().equals(paths))
                .map(s -> new SnapshotSummary(s.id(), s.time(), s.files(), s.bytes()))
                .toList();
    }

    @Override
    public FileRestore restoreFiles(String snapshotId, Path target) throws RestoreException {
        RestoreRequest request = new RestoreRequest(snapshotId, target, List.of(), false, true);
        RestoreSummary summary;
        try {
            summary = repository.restore(request, Progress.NONE);
        } catch (RepositoryException e) {
            throw new RestoreException("restore of snapshot " + snapshotId + " failed: "
                    + e.getMessage(), Damage.object(e), e);
        }
        List<RestoreProblem> failed = new ArrayList<>();
        for (String line : summary.failed()) {
            failed.add(Damage.problem(line, summary.damaged() == summary.failed().size()));
        }
        List<String> warnings = new ArrayList<>(summary.warnings());
        repository.damagedCopies().forEach(copy -> warnings.add(copy
                + "; the restore read another copy, and holdfast repair replaces this one"));
        return new FileRestore(summary.files(), summary.directories(), summary.otherEntries(),
                summary.bytes(), failed, warnings);
    }

    @Override
    public void recordedEntries(String snapshotId, Consumer<RecordedEntry> entries)
            throws RestoreException {
        try {
            repository.walkContent(snapshotId, ROOT,
                    (entry, content) -> entries.accept(Recorded.of(entry, content)));
        } catch (RepositoryException e) {
            throw new RestoreException("cannot read the entries of snapshot " + snapshotId
                    + ": " + e.getMessage(), Damage.object(e), e);
        }
    }

    /**
     * Restores every database of a database snapshot into the throwaway server under its
     * recorded name. PostgreSQL's roles are restored first, so that owners and grants are
     * restored as recorded and the checks can compare them.
     */
    @Override
    public DatabaseRestore restoreDatabase(String snapshotId, DatabaseTarget target)
            throws RestoreException {
        DatabaseSnapshot snapshot = databaseSnapshot(snapshotId);
        ConnectionSettings server = new ConnectionSettings(snapshot.kind(), target.host(),
                target.port(), target.superuser(),
                dev.holdfast.orchestrator.dbsource.DatabaseRestore.maintenanceDatabase(
                        snapshot.kind()), () -> target.password().toCharArray(),
                Optional.of(target.clientTools()));
        List<String> restored = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        try {
            for (String database : snapshot.databases()) {
                RestoreResult result = dev.holdfast.orchestrator.dbsource.DatabaseRestore.run(
                        snapshot, database, server, RestoreOptions.into(database),
                        restored.isEmpty() && snapshot.kind() == DatabaseKind.POSTGRESQL);
                restored.add(database);
                result.ignoredErrors().forEach(e -> warnings.add(database + ": ignored as "
                        + "harmless: " + e));
                if (!result.ownersKept()) {
                    warnings.add(database + ": roles " + result.missingRoles() + " are "
                            + "missing, so objects belong to " + target.superuser());
                }
            }
        } catch (RepositoryException e) {
            throw new RestoreException("cannot read database snapshot " + snapshotId + ": "
                    + e.getMessage(), Damage.object(e), e);
        } catch (IOException e) {
            throw new RestoreException("restoring database snapshot " + snapshotId
                    + " failed: " + e.getMessage(), Damage.object(e), e);
        }
        return new DatabaseRestore(restored, warnings);
    }

    @Override
    public List<TableRows> expectedRowCounts(String snapshotId) throws RestoreException {
        DatabaseSnapshot snapshot = databaseSnapshot(snapshotId);
        List<TableRows> rows = new ArrayList<>();
        try {
            for (String database : snapshot.databases()) {
                for (TableCount count : snapshot.statistics(database).tables()) {
                    rows.add(new TableRows(database, count.schema(), count.name(),
                            count.rows(), count.exact()));
                }
            }
        } catch (RepositoryException e) {
            throw new RestoreException("cannot read the row counts of snapshot " + snapshotId
                    + ": " + e.getMessage(), Damage.object(e), e);
        } catch (IOException e) {
            throw new RestoreException("cannot read the row counts of snapshot " + snapshotId
                    + ": " + e.getMessage(), e);
        }
        return rows;
    }

    private DatabaseSnapshot databaseSnapshot(String snapshotId) throws RestoreException {
        try {
            SnapshotInfo info = repository.snapshot(snapshotId);
            return DatabaseSnapshot.of(repository, info).orElseThrow(() -> new RestoreException(
                    "snapshot " + info.shortId() + " contains files, not a database dump", null));
        } catch (RepositoryException e) {
            throw new RestoreException("cannot read snapshot " + snapshotId + ": "
                    + e.getMessage(), Damage.object(e), e);
        }
    }

    /** Returns the entry's path below the restore target, for people and for lookups. */
    static String relative(Entry entry) {
        String display = PathNames.display(entry.path());
        return display.startsWith("/") ? display.substring(1) : display;
    }

    /** Returns whether {@code bytes} are valid UTF-8, so that the name can be looked up. */
    static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
