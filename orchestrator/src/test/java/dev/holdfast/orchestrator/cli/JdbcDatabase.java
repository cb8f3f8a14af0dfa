package dev.holdfast.orchestrator.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A database of a throwaway server, reached over JDBC with the server's superuser. */
record JdbcDatabase(String url, String user, String password) {
    void run(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    long count(String table) throws SQLException {
        return Long.parseLong(strings("SELECT count(*) FROM " + table).getFirst());
    }

    /** Returns the first column of every row of {@code query}. */
    List<String> strings(String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
