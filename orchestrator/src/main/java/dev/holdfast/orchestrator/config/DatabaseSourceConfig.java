package dev.holdfast.orchestrator.config;

import dev.holdfast.orchestrator.database.DatabaseKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code postgresql} or {@code mariadb} mapping of a source: which server and databases
 * {@code holdfast backup} dumps. The password itself is never a key.
 *
 * @param kind which server software
 * @param host host name or address of the server
 * @param port TCP port of the server
 * @param user database user that dumps, reads statistics and restores
 * @param passwordEnv environment variable that holds the password
 * @param passwordFile file that holds the password
 * @param databases databases to dump, each in its own consistent dump
 * @param tools folder of the client tools (pg_dump, mariadb-dump, ...); else they are looked
 *     up on the PATH
 * @param exactCountLimit tables up to this size get exact row counts in the snapshot's
 *     statistics; larger ones get the server's estimate
 * @param restoreJobs parallel jobs of pg_restore; ignored for MariaDB
 */
public record DatabaseSourceConfig(DatabaseKind kind, String host, int port, String user,
        Optional<String> passwordEnv, Optional<Path> passwordFile, List<String> databases,
        Optional<Path> tools, long exactCountLimit, int restoreJobs) {
    /** Default of {@code exact-count-limit}: counting a 64 MiB table takes well under a second. */
    public static final long DEFAULT_EXACT_COUNT_LIMIT = 64L << 20;

    public DatabaseSourceConfig {
        Objects.requireNonNull(kind, "kind");
        databases = List.copyOf(databases);
        Objects.requireNonNull(passwordEnv, "passwordEnv");
        Objects.requireNonNull(passwordFile, "passwordFile");
        Objects.requireNonNull(tools, "tools");
    }
}
