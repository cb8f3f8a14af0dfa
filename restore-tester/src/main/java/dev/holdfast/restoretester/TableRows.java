package dev.holdfast.restoretester;

import java.util.Objects;

/**
 * The row count of one table as a database snapshot recorded it at backup time.
 *
 * @param database the database that contains the table
 * @param schema the PostgreSQL schema, or for MariaDB the database again
 * @param table the table's name
 * @param rows the recorded count
 * @param exact whether {@code rows} came from {@code count(*)}; an estimate is not compared
 */
public record TableRows(String database, String schema, String table, long rows,
        boolean exact) {
    public TableRows {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
    }

    /** Returns {@code schema.table}, as reports name the table. */
    public String qualifiedName() {
        return schema + "." + table;
    }
}
