package dev.holdfast.orchestrator.database;

import dev.holdfast.orchestrator.guard.TableReading;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the live rows and change counters of every table of a database, for the
 * bulk-deletion guard. A dropped table is simply missing from the next reading.
 *
 * <p>PostgreSQL: live rows are an exact {@code count(*)} below the size limit, else
 * pg_stat_user_tables.n_live_tup; the counters are n_tup_del and n_tup_ins, cumulative since
 * the last statistics reset. A backend publishes its counts after a transaction ends, once
 * idle, at most once a second (PostgreSQL 15 and later), so an estimate can lag a committed
 * change by about a second. TRUNCATE sets n_live_tup to 0 without adding to n_tup_del.
 * MariaDB: exact below the size limit, else information_schema's TABLE_ROWS, which InnoDB
 * estimates; MariaDB keeps no per-table counters, so both are unknown.
 */
public final class StatisticsPoller {
    private StatisticsPoller() {
    }

    /** Reads every table, counting exactly below the default limit of 64 MiB. */
    public static List<TableReading> read(ConnectionSettings settings)
            throws DatabaseException {
        return read(settings, TableStatistics.DEFAULT_EXACT_COUNT_LIMIT);
    }

    /**
     * Reads every table of the database of {@code settings}, counting rows exactly in tables
     * below {@code exactCountLimitBytes} (size without indexes), all in one read-only
     * REPEATABLE READ transaction so that the counts agree with each other.
     */
    public static List<TableReading> read(ConnectionSettings settings,
            long exactCountLimitBytes) throws DatabaseException {
        try (Connection connection = Jdbc.connect(settings)) {
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
            try {
                return readings(connection, settings, exactCountLimitBytes);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("cannot read the table statistics of " + settings, settings, e);
        }
    }

    private static List<TableReading> readings(Connection connection,
            ConnectionSettings settings, long exactCountLimitBytes) throws SQLException {
        DatabaseKind kind = settings.kind();
        List<TableReading> readings = new ArrayList<>();
        for (TableCounter.Listed table : TableCounter.list(connection, kind,
                settings.database())) {
            boolean exact = table.tableBytes() < exactCountLimitBytes;
            long rows;
            if (exact) {
                rows = TableCounter.count(connection, kind, table.schema(), table.name());
            } else if (kind == DatabaseKind.POSTGRESQL) {
                rows = Math.max(table.liveRows(), 0);
            } else {
                rows = table.estimate();
            }
            readings.add(new TableReading(table.schema(), table.name(), rows, exact,
                    table.deleted(), table.inserted()));
        }
        return readings;
    }
}
