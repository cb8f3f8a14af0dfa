package dev.holdfast.orchestrator.restoretest;

import dev.holdfast.orchestrator.config.SourceConfig;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    @Override
    public DatabaseRestore restoreDatabase(String snapshotId, DatabaseTarget target)
            throws RestoreException {
        // TODO: restore database snapshots: for each database folder of the snapshot
        // (DumpLayout), read database.json and stream the dump into DatabaseRestorer with
        // ConnectionSettings built from the target, under the recorded database name.
        throw new RestoreException("restore tests of database snapshots are not available "
                + "in this version; snapshot " + snapshotId + " was not restored into "
                + target.environment().describe(), null);
    }

    @Override
    public List<TableRows> expectedRowCounts(String snapshotId) throws RestoreException {
        throw new RestoreException("row counts of database snapshots are not read in this "
                + "version; snapshot " + snapshotId + " was not checked", null);
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
