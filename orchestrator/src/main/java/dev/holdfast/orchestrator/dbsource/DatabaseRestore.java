package dev.holdfast.orchestrator.dbsource;

import dev.holdfast.orchestrator.database.ConnectionSettings;
import dev.holdfast.orchestrator.database.DatabaseException;
import dev.holdfast.orchestrator.database.DatabaseKind;
import dev.holdfast.orchestrator.database.DatabaseRestorer;
import dev.holdfast.orchestrator.database.RestoreOptions;
import dev.holdfast.orchestrator.database.RestoreResult;
import dev.holdfast.repository.RepositoryException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Restores one database of a database snapshot into a named database on a server. */
public final class DatabaseRestore {
    private DatabaseRestore() {
    }

    /** Returns the database that PostgreSQL's tools connect to for server-wide work. */
    public static String maintenanceDatabase(DatabaseKind kind) {
        return kind == DatabaseKind.POSTGRESQL ? "postgres" : "";
    }

    /**
     * Picks the database of {@code snapshot} to restore: {@code requested} when given, else
     * the only one it contains.
     */
    public static String pick(DatabaseSnapshot snapshot, String requested)
            throws RepositoryException, DatabaseException {
        List<String> databases = snapshot.databases();
        if (requested != null) {
            if (!databases.contains(requested)) {
                throw new DatabaseException("snapshot " + snapshot.info().shortId()
                        + " has no database \"" + requested + "\": it contains " + databases);
            }
            return requested;
        }
        if (databases.size() != 1) {
            throw new DatabaseException("snapshot " + snapshot.info().shortId() + " contains "
                    + databases.size() + " databases " + databases + ": name one with "
                    + "--database");
        }
        return databases.getFirst();
    }

    /**
     * Restores {@code database} of {@code snapshot} into {@code options.database()} on the
     * server of {@code server}, which names a maintenance database. With {@code globals},
     * PostgreSQL's roles and tablespaces are restored first.
     */
    public static RestoreResult run(DatabaseSnapshot snapshot, String database,
            ConnectionSettings server, RestoreOptions options, boolean globals)
            throws IOException, RepositoryException {
        if (server.kind() != snapshot.kind()) {
            throw new DatabaseException("snapshot " + snapshot.info().shortId() + " contains a "
                    + snapshot.kind().id() + " dump, and " + server + " is a "
                    + server.kind().id() + " server: restore it into a " + snapshot.kind().id()
                    + " server");
        }
        DatabaseRestorer restorer = new DatabaseRestorer(server);
        if (globals && snapshot.kind() == DatabaseKind.POSTGRESQL) {
            try (InputStream in = snapshot.openGlobals()) {
                restorer.restoreGlobals(in);
            }
        }
        try (InputStream dump = snapshot.openDump(database)) {
            return restorer.restore(snapshot.databaseInfo(database), dump, options);
        }
    }
}
