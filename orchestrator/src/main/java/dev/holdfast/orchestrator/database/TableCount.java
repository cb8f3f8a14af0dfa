package dev.holdfast.orchestrator.database;

/**
 * The row count of one table at dump time.
 *
 * @param schema the PostgreSQL schema, or for MariaDB the database
 * @param exact whether {@code rows} is a {@code count(*)}; when false it is the server's
 *     estimate (PostgreSQL's pg_class.reltuples, MariaDB's information_schema.TABLES.TABLE_ROWS)
 * @param totalBytes the table's size on disk with its indexes (and TOAST for PostgreSQL)
 */
public record TableCount(String schema, String name, long rows, boolean exact,
        long totalBytes) {
}
