package dev.holdfast.orchestrator.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and drops the databases that an interrupted rollback left: a restore target is named
 * {@code NAME + infix + SUFFIX}, and a process killed before its swap leaves it behind.
 */
public final class LeftoverDatabases {
    private static final Logger LOG = LoggerFactory.getLogger(LeftoverDatabases.class);

    private LeftoverDatabases() {
    }

    /**
     * Drops every database whose name is {@code name + infix} followed by anything and that no
     * session uses, and returns their names. A database in use belongs to a rollback that is
     * still running, so it is left alone with a warning.
     */
    public static List<String> drop(ConnectionSettings server, String name, String infix)
            throws DatabaseException {
        List<String> dropped = new ArrayList<>();
        try (Connection connection = Jdbc.connect(server)) {
            for (String leftover : find(connection, server.kind(), name + infix)) {
                if (inUse(connection, server.kind(), leftover)) {
                    LOG.warn("{}: \"{}\" is in use, so another rollback may still be running; "
                            + "it is left alone", server, leftover);
                    continue;
                }
                try {
                    Jdbc.execute(connection, "DROP DATABASE "
                            + Jdbc.quote(server.kind(), leftover));
                } catch (SQLException e) {
                    // A session that connected since the check: the same case as above.
                    LOG.warn("{}: cannot drop \"{}\", so it is left alone: {}", server, leftover,
                            e.getMessage());
                    continue;
                }
                LOG.warn("{}: dropped \"{}\", left by a rollback that stopped before its swap",
                        server, leftover);
                dropped.add(leftover);
            }
        } catch (SQLException e) {
            throw Jdbc.failure("cannot drop the leftover restore databases of \"" + name
                    + "\"", server, e);
        }
        return dropped;
    }

    private static boolean inUse(Connection connection, DatabaseKind kind, String database)
            throws SQLException {
        String sql = kind == DatabaseKind.POSTGRESQL
                ? "SELECT count(*) FROM pg_stat_activity WHERE datname = ?"
                : "SELECT count(*) FROM information_schema.PROCESSLIST WHERE DB = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, database);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        }
    }

    private static List<String> find(Connection connection, DatabaseKind kind, String prefix)
            throws SQLException {
        String sql = kind == DatabaseKind.POSTGRESQL
                ? "SELECT datname FROM pg_database WHERE starts_with(datname, ?)"
                : "SELECT schema_name FROM information_schema.schemata "
                        + "WHERE LEFT(schema_name, CHAR_LENGTH(?)) = ?";
        List<String> names = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, prefix);
            if (kind == DatabaseKind.MARIADB) {
                statement.setString(2, prefix);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }
}
