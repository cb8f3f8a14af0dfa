package dev.holdfast.orchestrator.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The tables of a MariaDB database and the CREATE statements of what RENAME TABLE cannot
 * move to another database: triggers (a table with triggers cannot change database), views
 * (which cannot change database) and routines and events (which belong to the database).
 */
record MariaDbObjects(List<String> tables, List<Definition> triggers, List<Definition> views,
        List<Definition> routines, List<Definition> events) {

    /**
     * The CREATE statement of one object.
     *
     * @param type TRIGGER, VIEW, PROCEDURE, FUNCTION or EVENT
     * @param sqlMode the sql_mode it was created under, or null for a view
     */
    record Definition(String type, String name, String sql, String sqlMode) {
    }

    /** Triggers in ACTION_ORDER, so that recreating them in turn keeps their order. */
    private static final String TRIGGERS = """
            SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION,
                   ACTION_STATEMENT, DEFINER, SQL_MODE
            FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?
            ORDER BY EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER""";

    static MariaDbObjects read(Connection connection, String database) throws SQLException {
        List<String> tables = names(connection, "SELECT TABLE_NAME FROM information_schema."
                + "TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE <> 'VIEW'", database);
        List<Definition> views = new ArrayList<>();
        for (String view : names(connection, "SELECT TABLE_NAME FROM information_schema.VIEWS"
                + " WHERE TABLE_SCHEMA = ?", database)) {
            views.add(shown(connection, "VIEW", database, view, 2, null));
        }
        List<Definition> routines = new ArrayList<>();
        for (String[] routine : pairs(connection, "SELECT ROUTINE_TYPE, ROUTINE_NAME, SQL_MODE "
                + "FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?", database)) {
            routines.add(shown(connection, routine[0], database, routine[1], 3, routine[2]));
        }
        List<Definition> events = new ArrayList<>();
        for (String[] event : pairs(connection, "SELECT 'EVENT', EVENT_NAME, SQL_MODE "
                + "FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?", database)) {
            events.add(shown(connection, "EVENT", database, event[1], 4, event[2]));
        }
        return new MariaDbObjects(tables, triggers(connection, database), views, routines,
                events);
    }

    private static List<Definition> triggers(Connection connection, String database)
            throws SQLException {
        List<Definition> triggers = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(TRIGGERS)) {
            statement.setString(1, database);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    // Built from parts, because the original text may name the database.
                    String sql = "CREATE DEFINER=" + definer(rows.getString(6)) + " TRIGGER "
                            + quote(rows.getString(1)) + " " + rows.getString(3) + " "
                            + rows.getString(4) + " ON " + quote(rows.getString(2))
                            + " FOR EACH ROW " + rows.getString(5);
                    triggers.add(new Definition("TRIGGER", rows.getString(1), sql,
                            rows.getString(7)));
                }
            }
        }
        return triggers;
    }

    /** Returns {@code user@host} as {@code `user`@`host`}. */
    private static String definer(String definer) {
        int at = definer.lastIndexOf('@');
        if (at < 0) {
            return quote(definer);
        }
        return quote(definer.substring(0, at)) + "@" + quote(definer.substring(at + 1));
    }

    private static Definition shown(Connection connection, String type, String database,
            String name, int column, String sqlMode) throws SQLException {
        String sql = "SHOW CREATE " + type + " " + quote(database) + "." + quote(name);
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            if (!row.next()) {
                throw new SQLException(type + " " + name + " disappeared while being read");
            }
            return new Definition(type, name, row.getString(column), sqlMode);
        }
    }

    private static List<String> names(Connection connection, String sql, String database)
            throws SQLException {
        List<String> names = new ArrayList<>();
        for (String[] row : pairs(connection, sql, database)) {
            names.add(row[0]);
        }
        return names;
    }

    private static List<String[]> pairs(Connection connection, String sql, String database)
            throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, database);
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    String[] row = new String[columns];
                    for (int i = 0; i < columns; i++) {
                        row[i] = result.getString(i + 1);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    static String quote(String name) {
        return Jdbc.quote(DatabaseKind.MARIADB, name);
    }
}
