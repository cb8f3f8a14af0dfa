package dev.holdfast.orchestrator.guard;

import java.util.Objects;

/**
 * The statistics of one table in a reading.
 *
 * @param schema the schema (PostgreSQL) or database (MariaDB) that holds the table
 * @param table the table's name
 * @param liveRows rows in the table, or {@value #UNKNOWN} when the engine has no figure yet
 * @param exact whether {@code liveRows} was counted rather than estimated from statistics
 * @param deletedTotal rows deleted since the engine's statistics were last reset, or
 *     {@value #UNKNOWN}. PostgreSQL's TRUNCATE does not count here.
 * @param insertedTotal rows inserted since the statistics were last reset, or {@value #UNKNOWN}
 */
public record TableReading(String schema, String table, long liveRows, boolean exact,
        long deletedTotal, long insertedTotal) {
    /** The value of a figure that the engine does not provide. */
    public static final long UNKNOWN = -1;

    public TableReading {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        requireFigure(liveRows, "liveRows", schema, table);
        requireFigure(deletedTotal, "deletedTotal", schema, table);
        requireFigure(insertedTotal, "insertedTotal", schema, table);
    }

    /** Returns the table's name as policies match it: {@code schema.table}. */
    public String name() {
        return schema + "." + table;
    }

    boolean knownRows() {
        return liveRows != UNKNOWN;
    }

    boolean knownCounters() {
        return deletedTotal != UNKNOWN && insertedTotal != UNKNOWN;
    }

    private static void requireFigure(long value, String figure, String schema, String table) {
        if (value < UNKNOWN) {
            throw new IllegalArgumentException("invalid " + figure + " " + value + " for table "
                    + schema + "." + table + ": expected zero or more, or -1 when unknown");
        }
    }
}
