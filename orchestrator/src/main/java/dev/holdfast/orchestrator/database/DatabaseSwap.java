package dev.holdfast.orchestrator.database;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a restored database in place of a damaged one and keeps the damaged one as {@code
 * <damaged>_damaged_<suffix>}. Until the swap, the damaged database is not touched, so a
 * restore that fails before it leaves the original as it was.
 *
 * <p>PostgreSQL: both databases stop accepting connections (ALLOW_CONNECTIONS false), their
 * sessions are ended with pg_terminate_backend, and both renames run in one transaction, so
 * that if the second rename fails the first is rolled back and nothing changed. MariaDB: see
 * {@link MariaDbSwap}. The settings name the server and a maintenance database that is
 * neither of the two.
 */
public final class DatabaseSwap {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseSwap.class);
    /** PostgreSQL's NAMEDATALEN less one, and MariaDB's limit in characters. */
    private static final int POSTGRES_NAME_BYTES = 63;
    private static final int MARIADB_NAME_CHARS = 64;

    private DatabaseSwap() {
    }

    /**
     * Swaps {@code restored} in under the name {@code damaged}.
     *
     * @param suffix distinguishes this swap's kept database, such as a timestamp; letters,
     *     digits and {@code _} only
     * @return the name of the kept damaged database
     */
    public static String swap(ConnectionSettings server, String damaged, String restored,
            String suffix) throws DatabaseException {
        if (!suffix.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("swap suffix \"" + suffix + "\" has characters "
                    + "other than letters, digits and _: use a timestamp such as 20250101t1200");
        }
        if (damaged.equals(restored) || server.database().equals(damaged)
                || server.database().equals(restored)) {
            throw new DatabaseException("cannot swap \"" + restored + "\" in for \"" + damaged
                    + "\" while connected to \"" + server.database() + "\": the two must "
                    + "differ, and the maintenance database must be neither");
        }
        String kept = keptName(server.kind(), damaged, suffix);
        if (server.kind() == DatabaseKind.MARIADB) {
            return MariaDbSwap.swap(server, damaged, restored, kept);
        }
        try (Connection connection = Jdbc.connect(server)) {
            requireState(connection, damaged, restored, kept);
            swapPostgres(connection, damaged, restored, kept);
        } catch (SQLException e) {
            throw Jdbc.failure("cannot swap \"" + restored + "\" in for \"" + damaged + "\" on "
                    + server + "; both databases keep their names", server, e);
        }
        LOG.info("{}: swapped \"{}\" in for \"{}\", which is kept as \"{}\"", server, restored,
                damaged, kept);
        return kept;
    }

    private static String keptName(DatabaseKind kind, String damaged, String suffix)
            throws DatabaseException {
        String kept = damaged + "_damaged_" + suffix;
        boolean tooLong = kind == DatabaseKind.POSTGRESQL
                ? kept.getBytes(StandardCharsets.UTF_8).length > POSTGRES_NAME_BYTES
                : kept.length() > MARIADB_NAME_CHARS;
        if (tooLong) {
            throw new DatabaseException("kept database name \"" + kept + "\" is longer than "
                    + kind.id() + " allows: use a shorter suffix");
        }
        return kept;
    }

    private static void requireState(Connection connection, String damaged, String restored,
            String kept) throws SQLException, DatabaseException {
        for (String name : new String[] {damaged, restored}) {
            if (!postgresExists(connection, name)) {
                throw new DatabaseException("database \"" + name + "\" not found: nothing was "
                        + "swapped");
            }
        }
        if (postgresExists(connection, kept)) {
            throw new DatabaseException("database \"" + kept + "\" already exists: use "
                    + "another suffix");
        }
    }

    private static void swapPostgres(Connection connection, String damaged, String restored,
            String kept) throws SQLException {
        allowConnections(connection, damaged, false);
        allowConnections(connection, restored, false);
        try {
            terminateSessions(connection, damaged, restored);
            connection.setAutoCommit(false);
            Jdbc.execute(connection, rename(damaged, kept));
            Jdbc.execute(connection, rename(restored, damaged));
            connection.commit();
        } catch (SQLException e) {
            try {
                connection.rollback();
                connection.setAutoCommit(true);
                allowConnections(connection, damaged, true);
                allowConnections(connection, restored, true);
            } catch (SQLException undo) {
                e.addSuppressed(undo);
            }
            throw e;
        }
        connection.setAutoCommit(true);
        allowConnections(connection, damaged, true);
        allowConnections(connection, kept, true);
    }

    private static void terminateSessions(Connection connection, String first, String second)
            throws SQLException {
        // A rename waits up to 5 s for terminated sessions to exit before it fails.
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        + "WHERE datname IN (?, ?) AND pid <> pg_backend_pid()")) {
            statement.setString(1, first);
            statement.setString(2, second);
            statement.executeQuery().close();
        }
    }

    private static void allowConnections(Connection connection, String database, boolean allow)
            throws SQLException {
        Jdbc.execute(connection, "ALTER DATABASE " + quote(database)
                + " ALLOW_CONNECTIONS " + allow);
    }

    private static String rename(String from, String to) {
        return "ALTER DATABASE " + quote(from) + " RENAME TO " + quote(to);
    }

    private static boolean postgresExists(Connection connection, String name)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM pg_database WHERE datname = ?")) {
            statement.setString(1, name);
            try (ResultSet row = statement.executeQuery()) {
                return row.next();
            }
        }
    }

    private static String quote(String name) {
        return Jdbc.quote(DatabaseKind.POSTGRESQL, name);
    }
}
