package dev.holdfast.orchestrator.database;

import dev.holdfast.orchestrator.catalog.PostgresServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Connection settings and SQL helpers for tests: throwaway PostgreSQL servers from {@link
 * PostgresServer}, and the machine's MariaDB on 127.0.0.1:3306 (root, no password), where
 * tests use only databases with unique names that they create and drop.
 */
final class TestDatabases {
    static final int MARIADB_PORT = 3306;

    private TestDatabases() {
    }

    static ConnectionSettings postgres(PostgresServer server, String database) {
        int port = URI.create(server.url(database).substring("jdbc:".length())).getPort();
        String password = server.password();
        return new ConnectionSettings(DatabaseKind.POSTGRESQL, "127.0.0.1", port,
                PostgresServer.USER, database, password::toCharArray, Optional.empty());
    }

    static ConnectionSettings mariadb(String database) {
        return new ConnectionSettings(DatabaseKind.MARIADB, "127.0.0.1", MARIADB_PORT, "root",
                database, () -> new char[0], Optional.empty());
    }

    /** Returns a database name that no other test run uses. */
    static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static void sql(ConnectionSettings settings, String... statements) throws Exception {
        try (Connection connection = Jdbc.connect(settings);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** Returns the rows of {@code sql}, each column as text. */
    static List<List<String>> query(ConnectionSettings settings, String sql) throws Exception {
        try (Connection connection = Jdbc.connect(settings);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            return rows(rows);
        }
    }

    private static List<List<String>> rows(ResultSet rows) throws SQLException {
        List<List<String>> result = new ArrayList<>();
        int columns = rows.getMetaData().getColumnCount();
        while (rows.next()) {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= columns; i++) {
                row.add(rows.getString(i));
            }
            result.add(row);
        }
        return result;
    }

    static String single(ConnectionSettings settings, String sql) throws Exception {
        return query(settings, sql).getFirst().getFirst();
    }

    /** Opens and reads every stream in list order, as a backup would. */
    static Map<String, byte[]> readAll(List<DumpStream> streams) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (DumpStream stream : streams) {
            try (InputStream in = stream.open()) {
                files.put(stream.name(), in.readAllBytes());
            }
        }
        return files;
    }

    static void dropMariaDb(String... databases) throws Exception {
        for (String database : databases) {
            sql(mariadb(""), "DROP DATABASE IF EXISTS `" + database + "`");
        }
    }
}
