package dev.holdfast.orchestrator.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;

/** JDBC connections to a source server, and the quoting of names in SQL. */
final class Jdbc {
    private Jdbc() {
    }

    /** Opens a connection to the database of {@code settings}. */
    static Connection connect(ConnectionSettings settings) throws DatabaseException {
        Properties properties = new Properties();
        properties.setProperty("user", settings.user());
        char[] password = settings.password().get();
        try {
            if (password.length > 0) {
                // The drivers take only a String, so this copy lives as long as the driver's.
                properties.setProperty("password", new String(password));
            }
        } finally {
            Arrays.fill(password, '\0');
        }
        if (settings.kind() == DatabaseKind.POSTGRESQL) {
            properties.setProperty("ApplicationName", "holdfast");
        }
        try {
            return DriverManager.getConnection(url(settings), properties);
        } catch (SQLException e) {
            throw failure("cannot connect to " + settings, settings, e);
        }
    }

    private static String url(ConnectionSettings settings) {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]"
                : settings.host();
        String scheme = settings.kind() == DatabaseKind.POSTGRESQL ? "postgresql" : "mariadb";
        return "jdbc:" + scheme + "://" + host + ":" + settings.port() + "/"
                + settings.database();
    }

    /** Runs one statement that returns no rows. */
    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Returns an exception for a failed operation, with passwords removed from the cause. */
    static DatabaseException failure(String operation, ConnectionSettings settings,
            SQLException e) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new DatabaseException(operation + ": "
                + Scrubber.scrub(detail, settings.password()));
    }

    /** Returns {@code name} quoted as an identifier of {@code kind}. */
    static String quote(DatabaseKind kind, String name) {
        if (kind == DatabaseKind.POSTGRESQL) {
            return "\"" + name.replace("\"", "\"\"") + "\"";
        }
        return "`" + name.replace("`", "``") + "`";
    }

    /**
     * Returns {@code text} as a string literal of {@code kind}. PostgreSQL reads backslashes
     * literally (standard_conforming_strings is on by default since 9.1), MariaDB as escapes.
     */
    static String literal(DatabaseKind kind, String text) {
        String escaped = kind == DatabaseKind.MARIADB ? text.replace("\\", "\\\\") : text;
        return "'" + escaped.replace("'", "''") + "'";
    }
}
