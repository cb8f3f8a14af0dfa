package dev.holdfast.orchestrator.guard;

import java.time.Instant;
import java.util.Objects;

/**
 * One damaged table of a detection.
 *
 * @param schema the table's schema (PostgreSQL) or database (MariaDB)
 * @param table the table's name
 * @param rule the rule that fired for it
 * @param rowsBefore live rows at {@code beforeTime}, or {@value TableReading#UNKNOWN} when the
 *     engine had no figure
 * @param rowsAfter live rows in the reading that detected the damage, or {@value #ABSENT} for
 *     a dropped table
 * @param beforeTime when the table last held {@code rowsBefore} rows: a reading, or the time of
 *     the snapshot whose statistics served as baseline
 * @param estimated whether either figure is an estimate rather than a count
 */
public record TableDetection(String schema, String table, Rule rule, long rowsBefore,
        long rowsAfter, Instant beforeTime, boolean estimated) {
    /** The value of {@code rowsAfter} for a table that no longer exists. */
    public static final long ABSENT = -1;

    public TableDetection {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(beforeTime, "beforeTime");
    }

    /** Returns the table's name as policies match it: {@code schema.table}. */
    public String name() {
        return schema + "." + table;
    }
}
