package dev.holdfast.orchestrator.dbsource;

import dev.holdfast.orchestrator.database.DatabaseException;
import dev.holdfast.orchestrator.database.DatabaseInfo;
import dev.holdfast.orchestrator.database.DatabaseKind;
import dev.holdfast.orchestrator.database.DumpLayout;
import dev.holdfast.orchestrator.database.TableStatistics;
import dev.holdfast.repository.Entry;
import dev.holdfast.repository.EntryType;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.SnapshotInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A database snapshot read back from the repository: which databases it holds, their
 * {@code database.json} and {@code tables.json}, and their dumps as streams.
 */
public final class DatabaseSnapshot {
    private final Repository repository;
    private final SnapshotInfo snapshot;
    private final DatabaseKind kind;
    private final String source;

    private DatabaseSnapshot(Repository repository, SnapshotInfo snapshot, DatabaseKind kind,
            String source) {
        this.repository = repository;
        this.snapshot = snapshot;
        this.kind = kind;
        this.source = source;
    }

    /** Returns the snapshot as a database snapshot, or empty when it is a file snapshot. */
    public static Optional<DatabaseSnapshot> of(Repository repository, SnapshotInfo snapshot) {
        if (snapshot.paths().size() != 1) {
            return Optional.empty();
        }
        String label = snapshot.paths().getFirst();
        int colon = label.indexOf(':');
        if (colon < 1 || label.startsWith("/")) {
            return Optional.empty();
        }
        DatabaseKind kind;
        try {
            kind = DatabaseKind.fromId(label.substring(0, colon));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(new DatabaseSnapshot(repository, snapshot, kind,
                label.substring(colon + 1)));
    }

    /** Returns the snapshot path that database snapshots of {@code source} record. */
    public static String label(DatabaseKind kind, String source) {
        return kind.id() + ":" + source;
    }

    public SnapshotInfo info() {
        return snapshot;
    }

    public DatabaseKind kind() {
        return kind;
    }

    /** Returns the name of the configured source that took the snapshot. */
    public String source() {
        return source;
    }

    /** Returns the databases in the snapshot, by the names in their {@code database.json}. */
    public List<String> databases() throws RepositoryException, DatabaseException {
        List<String> folders = new ArrayList<>();
        String top = "/" + source;
        repository.walk(snapshot.id(), bytes(top), entry -> folder(entry, top, folders));
        List<String> names = new ArrayList<>();
        for (String folder : folders) {
            names.add(DatabaseInfo.parse(read(top + "/" + folder + "/"
                    + DumpLayout.DATABASE_INFO)).database());
        }
        return names;
    }

    private static void folder(Entry entry, String top, List<String> folders) {
        String path = entry.displayPath();
        if (entry.type() == EntryType.DIRECTORY && path.startsWith(top + "/")
                && path.indexOf('/', top.length() + 1) < 0) {
            folders.add(path.substring(top.length() + 1));
        }
    }

    /** Returns what {@code database}'s {@code database.json} records. */
    public DatabaseInfo databaseInfo(String database) throws RepositoryException,
            DatabaseException {
        return DatabaseInfo.parse(read(path(database, DumpLayout.DATABASE_INFO)));
    }

    /** Returns the row counts that {@code database}'s {@code tables.json} records. */
    public TableStatistics statistics(String database) throws RepositoryException,
            DatabaseException {
        return TableStatistics.parse(read(path(database, DumpLayout.TABLES)));
    }

    /** Opens {@code database}'s dump; every blob is authenticated as it is read. */
    public InputStream openDump(String database) throws RepositoryException {
        return repository.openFile(snapshot.id(), bytes(path(database,
                DumpLayout.dumpFile(kind))));
    }

    /** Opens PostgreSQL's {@code globals.sql}. */
    public InputStream openGlobals() throws RepositoryException {
        return repository.openFile(snapshot.id(), bytes("/" + source + "/"
                + DumpLayout.GLOBALS));
    }

    private String path(String database, String file) {
        return "/" + source + "/" + DumpLayout.path(database, file);
    }

    private byte[] read(String path) throws RepositoryException {
        try (InputStream in = repository.openFile(snapshot.id(), bytes(path))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new RepositoryException(RepositoryException.Reason.GENERAL, "cannot read "
                    + path + " of snapshot " + snapshot.shortId() + ": " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(String path) {
        return path.getBytes(StandardCharsets.UTF_8);
    }
}
