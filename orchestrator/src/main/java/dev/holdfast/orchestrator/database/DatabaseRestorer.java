package dev.holdfast.orchestrator.database;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Restores the dump of one database into a new database on a server, never into the
 * database it came from. The target is created with the recorded encoding and collation
 * (PostgreSQL: from {@code template0} with ENCODING, LC_COLLATE and LC_CTYPE; MariaDB: with
 * CHARACTER SET and COLLATE). An existing target that is not empty is rejected unless
 * {@link RestoreOptions#replace()} is set; an empty one is recreated. When the restore
 * fails, the half-restored target is dropped, so a failure leaves no database behind.
 *
 * <p>The settings name the server and a maintenance database to connect to for CREATE and
 * DROP DATABASE (PostgreSQL: usually {@code postgres}).
 */
public final class DatabaseRestorer {
    private final ConnectionSettings server;

    public DatabaseRestorer(ConnectionSettings server) {
        this.server = server;
    }

    /**
     * Restores {@code dump}, described by {@code info}, into {@code options.database()}.
     * The caller closes {@code dump}.
     *
     * @throws DatabaseException when the target is rejected, a tool is missing or the
     *     restore failed. The message names the tool, its exit status and its errors.
     */
    public RestoreResult restore(DatabaseInfo info, InputStream dump, RestoreOptions options)
            throws IOException {
        if (info.kind() != server.kind()) {
            throw new DatabaseException("cannot restore a " + info.kind().id() + " dump into "
                    + server + ": restore it into a " + info.kind().id() + " server");
        }
        ClientTools tools = ClientTools.locate(server);
        if (server.kind() == DatabaseKind.POSTGRESQL) {
            return new PostgresRestore(server, tools).restore(info, dump, options);
        }
        return new MariaDbRestore(server, tools).restore(info, dump, options);
    }

    /**
     * Runs PostgreSQL's {@code globals.sql} (roles and tablespaces) on the server, before
     * {@link #restore} so that objects keep their owners. Roles are shared by every database
     * of the server, so callers run it only when asked. Roles that already exist are
     * reported, not failed, but their attributes and passwords are set to the recorded ones,
     * except those of the restoring role itself, which keeps its own.
     *
     * @return the errors judged harmless
     */
    public List<String> restoreGlobals(InputStream globalsSql) throws IOException {
        if (server.kind() != DatabaseKind.POSTGRESQL) {
            throw new DatabaseException("globals.sql exists only for PostgreSQL, and " + server
                    + " is a MariaDB server: restore its databases alone");
        }
        return new PostgresRestore(server, ClientTools.locate(server)).restoreGlobals(
                globalsSql);
    }
}
