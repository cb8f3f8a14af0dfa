package dev.holdfast.orchestrator.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A bulk deletion that the guard detected in a source, as the catalog stores it.
 *
 * @param id the catalog's number for the incident, which {@code holdfast incidents} shows
 * @param source the source's name in the configuration
 * @param detectedAt the reading that fired the detection
 * @param intactAt the newest time at which every damaged table still held its rows; a
 *     snapshot taken at or before it predates the damage
 * @param rule the most severe rule among the tables: dropped, truncated, share or rows
 * @param action alert or rollback, as the source's policy said at detection
 * @param state {@value #OPEN}, {@value #ROLLED_BACK}, {@value #ROLLBACK_FAILED} or
 *     {@value #CLOSED}
 * @param tables the damaged tables, by schema and name
 * @param forensicSnapshotId the snapshot of the damaged state, or null until it is taken
 * @param restoredSnapshotId the snapshot that a rollback restored, or null
 * @param damagedDatabase the name under which a rollback kept the damaged database, or null
 * @param message what happened last, for people to read, or null
 * @param updatedAt when the row last changed
 */
public record Incident(long id, String source, Instant detectedAt, Instant intactAt,
        String rule, String action, String state, List<Table> tables,
        String forensicSnapshotId, String restoredSnapshotId, String damagedDatabase,
        String message, Instant updatedAt) {
    /** Detected; no rollback has run, or the policy only alerts. */
    public static final String OPEN = "open";
    /** A rollback restored the snapshot taken before the damage. */
    public static final String ROLLED_BACK = "rolled_back";
    /** A rollback was attempted and failed; the damaged database is still in place. */
    public static final String ROLLBACK_FAILED = "rollback_failed";
    /** An operator lifted the freeze; the incident needs nothing more. */
    public static final String CLOSED = "closed";
    static final Set<String> STATES = Set.of(OPEN, ROLLED_BACK, ROLLBACK_FAILED, CLOSED);

    public Incident {
        tables = List.copyOf(tables);
    }

    /** Returns whether the incident still needs an operator: every state but closed. */
    public boolean unresolved() {
        return !CLOSED.equals(state);
    }

    /**
     * One damaged table of an incident.
     *
     * @param schema the schema (PostgreSQL) or database (MariaDB) of the table
     * @param table the table's name
     * @param rule the rule that fired for it
     * @param rowsBefore live rows at {@code beforeAt}, or -1 when the database had no figure
     * @param rowsAfter live rows at detection, or -1 for a dropped table
     * @param beforeAt when the table last held {@code rowsBefore} rows
     * @param estimated whether either figure is an estimate rather than a count
     */
    public record Table(String schema, String table, String rule, long rowsBefore,
            long rowsAfter, Instant beforeAt, boolean estimated) {
        public Table {
            Objects.requireNonNull(schema, "schema");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(beforeAt, "beforeAt");
        }

        /** Returns {@code schema.table}. */
        public String name() {
            return schema + "." + table;
        }
    }
}
