package dev.holdfast.orchestrator.database;

import java.util.Objects;

/**
 * How {@link DatabaseRestorer} restores a dump.
 *
 * @param database the new database to restore into
 * @param replace drop and recreate {@code database} when it exists and is not empty;
 *     without it such a target is rejected
 * @param jobs parallel pg_restore jobs; above 1 the dump is first copied to a 0600 temporary
 *     file, because parallel restore needs a seekable archive (ignored for MariaDB)
 */
public record RestoreOptions(String database, boolean replace, int jobs) {
    public RestoreOptions {
        Objects.requireNonNull(database, "database");
        if (database.isBlank()) {
            throw new IllegalArgumentException("target database name is empty: name the new "
                    + "database to restore into");
        }
        if (jobs < 1) {
            throw new IllegalArgumentException("restore jobs " + jobs + " is below 1: use 1 "
                    + "for a streamed restore or more for a parallel one");
        }
    }

    /** Returns options for a streamed restore into a new database {@code database}. */
    public static RestoreOptions into(String database) {
        return new RestoreOptions(database, false, 1);
    }
}
