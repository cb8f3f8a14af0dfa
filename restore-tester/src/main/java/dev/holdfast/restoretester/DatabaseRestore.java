package dev.holdfast.restoretester;

import java.util.List;

/**
 * The outcome of a restore of databases.
 *
 * @param databases the databases restored, under their recorded names
 * @param warnings what the restore tool reported but did not fail on, such as missing roles
 */
public record DatabaseRestore(List<String> databases, List<String> warnings) {
    public DatabaseRestore {
        databases = List.copyOf(databases);
        warnings = List.copyOf(warnings);
    }
}
