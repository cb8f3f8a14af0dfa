package dev.holdfast.orchestrator.database;

import java.util.List;

/**
 * What {@link DatabaseDumps#open(ConnectionSettings, DumpOptions)} dumps.
 *
 * @param databases the databases to dump; empty means the database of the settings
 * @param exactCountLimitBytes tables below this size (without indexes) get an exact
 *     {@code count(*)} in {@code tables.json}; 0 makes every count an estimate
 */
public record DumpOptions(List<String> databases, long exactCountLimitBytes) {
    public DumpOptions {
        databases = List.copyOf(databases);
        if (exactCountLimitBytes < 0) {
            throw new IllegalArgumentException("exact count limit " + exactCountLimitBytes
                    + " bytes is negative: use 0 or more");
        }
    }

    /** Returns the options for the settings' own database with the default count limit. */
    public static DumpOptions defaults() {
        return new DumpOptions(List.of(), TableStatistics.DEFAULT_EXACT_COUNT_LIMIT);
    }
}
