package dev.holdfast.orchestrator.database;

/**
 * One poll of a table for the bulk-deletion guard.
 *
 * <p>PostgreSQL: {@code liveRows} is an exact {@code count(*)} when {@code exact}, else
 * pg_stat_user_tables.n_live_tup. The counters are n_tup_del and n_tup_ins, cumulative
 * since the last statistics reset, so a counter that goes down means a reset, not a change.
 * A backend publishes its counts after a transaction ends, once it is idle, and at most once
 * a second (PostgreSQL 15 and later). So a reading can lag a committed change by about a
 * second, and it never shows changes of transactions still open. TRUNCATE sets n_live_tup to 0 but
 * does not add to n_tup_del, so the guard must watch {@code liveRows}, not only the counter.
 *
 * <p>MariaDB: {@code liveRows} is exact below the size limit, else information_schema's
 * TABLE_ROWS, which InnoDB estimates; MariaDB keeps no per-table counters, so both are -1.
 *
 * @param deletedTotal rows deleted since the statistics were reset, -1 if unknown
 * @param insertedTotal rows inserted since the statistics were reset, -1 if unknown
 */
public record TableReading(String schema, String table, long liveRows, boolean exact,
        long deletedTotal, long insertedTotal) {
}
