package dev.holdfast.orchestrator.database;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where a database server is and how to log in to it.
 *
 * <p>{@code database} is the database to dump or poll. Operations on the whole server
 * (restoring into a new database, swapping) connect to it as their maintenance database, so
 * for PostgreSQL it is usually {@code postgres}. For MariaDB it may be empty.
 *
 * @param password returns a new array on each call, which the caller zeroes after use. An
 *     empty array means no password. It never appears in {@link #toString()}.
 * @param toolsFolder the folder of the client tools, when they are not on {@code PATH}
 */
public record ConnectionSettings(DatabaseKind kind, String host, int port, String user,
        String database, Supplier<char[]> password, Optional<Path> toolsFolder) {

    public ConnectionSettings {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(toolsFolder, "toolsFolder");
        if (host.isBlank()) {
            throw new IllegalArgumentException("database host is empty: set the host name");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("database port " + port
                    + " is out of range: use a port from 1 to 65535");
        }
    }

    /** Returns these settings with another database. */
    public ConnectionSettings withDatabase(String name) {
        return new ConnectionSettings(kind, host, port, user, name, password, toolsFolder);
    }

    @Override
    public String toString() {
        return kind.id() + "://" + user + "@" + host + ":" + port + "/" + database;
    }
}
