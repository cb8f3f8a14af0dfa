package dev.holdfast.orchestrator.database;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A restore of a mariadb-dump file: the dump is piped into the {@code mariadb} client,
 * which stops at the first failed statement, so any error fails the restore.
 */
final class MariaDbRestore {
    private static final Logger LOG = LoggerFactory.getLogger(MariaDbRestore.class);
    private static final String OBJECTS = """
            SELECT (SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?)
                 + (SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?)
                 + (SELECT COUNT(*) FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?)""";

    private final ConnectionSettings server;
    private final ClientTools tools;

    MariaDbRestore(ConnectionSettings server, ClientTools tools) {
        this.server = server;
        this.tools = tools;
    }

    RestoreResult restore(DatabaseInfo info, InputStream dump, RestoreOptions options)
            throws IOException {
        String target = options.database();
        try (Connection connection = Jdbc.connect(server)) {
            prepareTarget(connection, options);
            Jdbc.execute(connection, createStatement(info, target));
        } catch (SQLException e) {
            throw Jdbc.failure("cannot create database \"" + target + "\" on " + server,
                    server, e);
        }
        try {
            load(dump, target);
            return new RestoreResult(target, true, List.of(), List.of());
        } catch (IOException | RuntimeException e) {
            dropAfterFailure(target, e);
            throw e;
        }
    }

    private void prepareTarget(Connection connection, RestoreOptions options)
            throws SQLException, DatabaseException {
        String target = options.database();
        long objects = objectCount(connection, target);
        if (objects < 0) {
            return;
        }
        if (objects > 0 && !options.replace()) {
            throw new DatabaseException("database \"" + target + "\" already exists on "
                    + server.host() + ":" + server.port() + " and is not empty: choose a new "
                    + "name, or drop and recreate it (holdfast restore --replace)");
        }
        LOG.info("{}: dropping database \"{}\" before restoring into it", server, target);
        Jdbc.execute(connection, "DROP DATABASE " + quote(target));
    }

    /** Returns the number of tables, views, routines and events, or -1 if it is missing. */
    static long objectCount(Connection connection, String database) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
            statement.setString(1, database);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return -1;
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(OBJECTS)) {
            for (int i = 1; i <= 3; i++) {
                statement.setString(i, database);
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static String createStatement(DatabaseInfo info, String target) {
        StringBuilder sql = new StringBuilder("CREATE DATABASE ").append(quote(target));
        info.characterSet().ifPresent(v -> sql.append(" CHARACTER SET ").append(quote(v)));
        info.collation().ifPresent(v -> sql.append(" COLLATE ").append(quote(v)));
        return sql.toString();
    }

    private void load(InputStream dump, String target) throws IOException {
        List<String> arguments = new ArrayList<>(MariaDbDumps.connectionArguments(server));
        arguments.addAll(List.of("--default-character-set=utf8mb4", "--batch", target));
        ToolProcess client = ToolProcess.start(tools.path(ClientTool.MARIADB).getFileName()
                + " loading database \"" + target + "\"", tools.path(ClientTool.MARIADB),
                arguments, server);
        Feeder.feed(dump, client);
        client.awaitSuccess();
    }

    private void dropAfterFailure(String target, Exception failure) {
        try (Connection connection = Jdbc.connect(server)) {
            Jdbc.execute(connection, "DROP DATABASE IF EXISTS " + quote(target));
        } catch (SQLException | DatabaseException e) {
            failure.addSuppressed(new DatabaseException("cannot drop the half-restored "
                    + "database \"" + target + "\": drop it by hand (" + e.getMessage() + ")"));
        }
    }

    private static String quote(String name) {
        return Jdbc.quote(DatabaseKind.MARIADB, name);
    }
}
