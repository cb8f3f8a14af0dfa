package dev.holdfast.orchestrator.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The H2 file in which versions before the job store moved into the catalog kept Quartz's
 * triggers: {@code jobs.mv.db} in {@code service.state-dir}. The catalog's job store replaces
 * it, and the only thing it held that the catalog lacks is the next fire time of each job, so
 * it is deleted rather than migrated. A fire time missed while the service was down for the
 * upgrade is then not caught up.
 */
public final class OldJobStore {
    private static final List<String> FILES = List.of("jobs.mv.db", "jobs.trace.db");

    private OldJobStore() {
    }

    /**
     * Deletes the old job store in {@code stateDir}, if there is one, and returns the path of
     * its database file.
     *
     * @throws IOException when the file exists but cannot be deleted
     */
    public static Optional<Path> delete(Path stateDir) throws IOException {
        Path database = stateDir.resolve(FILES.getFirst());
        boolean found = false;
        for (String name : FILES) {
            found |= Files.deleteIfExists(stateDir.resolve(name));
        }
        return found ? Optional.of(database) : Optional.empty();
    }
}
