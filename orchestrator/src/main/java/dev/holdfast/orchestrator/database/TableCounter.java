package dev.holdfast.orchestrator.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists the tables of a database with their sizes, estimates and change counters, and
 * counts rows exactly where a table is small enough for {@code count(*)} to be cheap.
 */
final class TableCounter {
    /** Ordinary tables and partitions, but not partitioned parents, whose rows they hold. */
    private static final String POSTGRES_TABLES = """
            SELECT n.nspname, c.relname, pg_table_size(c.oid), pg_total_relation_size(c.oid),
                   c.reltuples, coalesce(s.n_live_tup, -1), coalesce(s.n_tup_del, -1),
                   coalesce(s.n_tup_ins, -1)
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
            WHERE c.relkind = 'r' AND c.relpersistence <> 't'
              AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg\\_toast%'
            ORDER BY 1, 2""";
    private static final String MARIADB_TABLES = """
            SELECT TABLE_SCHEMA, TABLE_NAME, COALESCE(DATA_LENGTH, 0),
                   COALESCE(DATA_LENGTH, 0) + COALESCE(INDEX_LENGTH, 0), COALESCE(TABLE_ROWS, 0)
            FROM information_schema.TABLES
            WHERE TABLE_SCHEMA = ? AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')
            ORDER BY TABLE_NAME""";

    /**
     * One table as the server lists it.
     *
     * @param tableBytes the size without indexes, which decides whether to count exactly
     * @param estimate PostgreSQL's reltuples (-1 before the first analyze) or MariaDB's
     *     TABLE_ROWS
     * @param liveRows PostgreSQL's n_live_tup, -1 for MariaDB
     */
    record Listed(String schema, String name, long tableBytes, long totalBytes, long estimate,
            long liveRows, long deleted, long inserted) {
    }

    private TableCounter() {
    }

    static List<Listed> list(Connection connection, DatabaseKind kind, String database)
            throws SQLException {
        if (kind == DatabaseKind.POSTGRESQL) {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(POSTGRES_TABLES)) {
                List<Listed> tables = new ArrayList<>();
                while (rows.next()) {
                    tables.add(new Listed(rows.getString(1), rows.getString(2), rows.getLong(3),
                            rows.getLong(4), Math.round(rows.getDouble(5)), rows.getLong(6),
                            rows.getLong(7), rows.getLong(8)));
                }
                return tables;
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(MARIADB_TABLES)) {
            statement.setString(1, database);
            try (ResultSet rows = statement.executeQuery()) {
                List<Listed> tables = new ArrayList<>();
                while (rows.next()) {
                    tables.add(new Listed(rows.getString(1), rows.getString(2), rows.getLong(3),
                            rows.getLong(4), rows.getLong(5), -1, -1, -1));
                }
                return tables;
            }
        }
    }

    /** Returns {@code count(*)} of a table. */
    static long count(Connection connection, DatabaseKind kind, String schema, String name)
            throws SQLException {
        String table = Jdbc.quote(kind, schema) + "." + Jdbc.quote(kind, name);
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT count(*) FROM " + table)) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * Returns the row counts of all tables: exact for tables below {@code exactLimitBytes},
     * the server's estimate for the others.
     */
    static List<TableCount> counts(Connection connection, DatabaseKind kind, String database,
            long exactLimitBytes) throws SQLException {
        List<TableCount> counts = new ArrayList<>();
        for (Listed table : list(connection, kind, database)) {
            boolean exact = table.tableBytes() < exactLimitBytes;
            long rows = exact ? count(connection, kind, table.schema(), table.name())
                    : estimate(table);
            counts.add(new TableCount(table.schema(), table.name(), rows, exact,
                    table.totalBytes()));
        }
        return counts;
    }

    /** Returns reltuples, or n_live_tup for a table never analyzed, and never below 0. */
    private static long estimate(Listed table) {
        if (table.estimate() >= 0) {
            return table.estimate();
        }
        return Math.max(table.liveRows(), 0);
    }
}
