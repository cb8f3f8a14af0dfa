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
     * Drops every database whose name is {@code name + infix} followed by anything, and
     * returns their names. The caller holds whatever ensures no rollback of the same database
     * runs at the same time.
     */
    public static List<String> drop(ConnectionSettings server, String name, String infix)
            throws DatabaseException {
        List<String> dropped = new ArrayList<>();
        try (Connection connection = Jdbc.connect(server)) {
            for (String leftover : find(connection, server.kind(), name + infix)) {
                String sql = server.kind() == DatabaseKind.POSTGRESQL
                        ? "DROP DATABASE " + Jdbc.quote(server.kind(), leftover) + " WITH (FORCE)"
                        : "DROP DATABASE " + Jdbc.quote(server.kind(), leftover);
                Jdbc.execute(connection, sql);
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
