package dev.holdfast.restoretester;

import dev.holdfast.restoretester.environment.ContainerDatabase;
import dev.holdfast.restoretester.environment.EphemeralMariaDb;
import dev.holdfast.restoretester.environment.EphemeralPostgres;
import dev.holdfast.restoretester.environment.Environment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A fresh database server that a restore test made for one snapshot. A restorer logs in as
 * its superuser over TCP on {@link #host()}; the password must stay out of command lines and
 * logs.
 */
public sealed interface DatabaseTarget {
    /** Returns the engine, {@link SourceKind#POSTGRESQL} or {@link SourceKind#MARIADB}. */
    SourceKind kind();

    /** Returns {@code 127.0.0.1}, or for a container the host that publishes its port. */
    String host();

    int port();

    String superuser();

    /** Returns the superuser's password. Keep it out of logs and command lines. */
    String password();

    /**
     * Returns the folder of the client tools: those of the server's own version, or for a
     * container those installed on this machine, whatever their version.
     */
    Path clientTools();

    /** Returns the environment, for its description in reports. */
    Environment environment();

    /** Runs {@code sql} in {@code database}; see {@link EphemeralPostgres#query}. */
    List<String> query(String database, String sql) throws IOException;

    /** A throwaway PostgreSQL cluster. */
    record Postgres(EphemeralPostgres server) implements DatabaseTarget {
        @Override
        public SourceKind kind() {
            return SourceKind.POSTGRESQL;
        }

        @Override
        public String host() {
            return server.host();
        }

        @Override
        public int port() {
            return server.port();
        }

        @Override
        public String superuser() {
            return server.superuser();
        }

        @Override
        public String password() {
            return server.password();
        }

        @Override
        public Path clientTools() {
            return server.binaries();
        }

        @Override
        public Environment environment() {
            return server;
        }

        @Override
        public List<String> query(String database, String sql) throws IOException {
            return server.query(database, sql);
        }
    }

    /** A throwaway MariaDB server. */
    record MariaDb(EphemeralMariaDb server) implements DatabaseTarget {
        @Override
        public SourceKind kind() {
            return SourceKind.MARIADB;
        }

        @Override
        public String host() {
            return server.host();
        }

        @Override
        public int port() {
            return server.port();
        }

        @Override
        public String superuser() {
            return server.superuser();
        }

        @Override
        public String password() {
            return server.password();
        }

        @Override
        public Path clientTools() {
            return server.binaries();
        }

        @Override
        public Environment environment() {
            return server;
        }

        @Override
        public List<String> query(String database, String sql) throws IOException {
            return server.query(database, sql);
        }
    }

    /**
     * A throwaway server in a container. The client tools come from this machine, so its
     * {@code pg_restore} must be at least the version of the dump's {@code pg_dump}.
     */
    record Container(ContainerDatabase server) implements DatabaseTarget {
        @Override
        public SourceKind kind() {
            return server.engine() == ContainerDatabase.Engine.POSTGRESQL
                    ? SourceKind.POSTGRESQL : SourceKind.MARIADB;
        }

        @Override
        public String host() {
            return server.host();
        }

        @Override
        public int port() {
            return server.port();
        }

        @Override
        public String superuser() {
            return server.superuser();
        }

        @Override
        public String password() {
            return server.password();
        }

        @Override
        public Path clientTools() {
            return server.clientTools();
        }

        @Override
        public Environment environment() {
            return server;
        }

        @Override
        public List<String> query(String database, String sql) throws IOException {
            return server.query(database, sql);
        }
    }
}
