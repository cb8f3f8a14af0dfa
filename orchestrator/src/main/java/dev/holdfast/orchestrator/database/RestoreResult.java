package dev.holdfast.orchestrator.database;

import java.util.List;

/**
 * The outcome of a restore that succeeded.
 *
 * @param ownersKept whether objects kept their recorded owners and privileges; PostgreSQL
 *     drops them (pg_restore --no-owner --no-privileges) when a recorded role is missing
 *     from the target server, so that every object belongs to the restoring user
 * @param missingRoles the recorded roles that the target server lacks
 * @param ignoredErrors errors of the restore tool judged harmless, such as a comment on an
 *     extension that only its owner may set, and settings of the database that the target
 *     server refused or whose role it lacks
 */
public record RestoreResult(String database, boolean ownersKept, List<String> missingRoles,
        List<String> ignoredErrors) {
    public RestoreResult {
        missingRoles = List.copyOf(missingRoles);
        ignoredErrors = List.copyOf(ignoredErrors);
    }
}
