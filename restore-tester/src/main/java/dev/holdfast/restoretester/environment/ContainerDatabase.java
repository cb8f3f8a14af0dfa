package dev.holdfast.restoretester.environment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A throwaway PostgreSQL or MariaDB server in a {@link ContainerEnvironment}, reached from this
 * machine through the published port with the client tools installed here. Those tools must be
 * able to read what the restore feeds them: PostgreSQL's {@code pg_restore} on this machine
 * must be at least the version of the {@code pg_dump} that wrote the dump.
 */
public final class ContainerDatabase implements Environment {
    /** The server's engine, which fixes the image's variables, port and superuser. */
    public enum Engine {
        POSTGRESQL(5432, "postgres", "POSTGRES_PASSWORD"),
        MARIADB(3306, "root", "MARIADB_ROOT_PASSWORD");

        private final int port;
        private final String superuser;
        private final String passwordVariable;

        Engine(int port, String superuser, String passwordVariable) {
            this.port = port;
            this.superuser = superuser;
            this.passwordVariable = passwordVariable;
        }
    }

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration READY_POLL = Duration.ofSeconds(1);

    private final ContainerEnvironment container;
    private final Engine engine;
    private final String password;
    private final Path clientTools;

    private ContainerDatabase(ContainerEnvironment container, Engine engine, String password,
            Path clientTools) {
        this.container = container;
        this.engine = engine;
        this.password = password;
        this.clientTools = clientTools;
    }

    /**
     * Starts {@code image} with a random superuser password and waits until the server
     * responds to a query through the published port, for at most {@code startTimeout} in all.
     * A container that does not get ready is removed before the exception is thrown.
     *
     * @throws IOException if no Docker engine is reachable, the client tools are missing on
     *     this machine, or the server did not start in time
     */
    public static ContainerDatabase start(Engine engine, String image, Path stateFolder,
            Path parentFolder, Duration startTimeout) throws IOException {
        Path tools = engine == Engine.POSTGRESQL ? PostgresBinaries.find(null).folder()
                : MariaDbBinaries.find(null).client().getParent();
        String password = HexFormat.of().formatHex(randomBytes());
        // NOTE: no Docker engine was reachable where this was written, so the path from here
        // on has not run against a real engine and a real image.
        ContainerEnvironment container = ContainerEnvironment.start(ContainerOptions.of(image)
                .withExposedPorts(engine.port)
                .withEnvironment(Map.of(engine.passwordVariable, password))
                .withStateFolder(stateFolder).withParentFolder(parentFolder)
                .withStartTimeout(startTimeout));
        ContainerDatabase database = new ContainerDatabase(container, engine, password, tools);
        try {
            database.awaitReady(startTimeout);
        } catch (IOException | RuntimeException e) {
            try {
                database.close();
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return database;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /**
     * Polls with {@code SELECT 1} because the official images run a temporary server for
     * their set-up before the real one, so an open port alone does not mean ready.
     */
    private void awaitReady(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                query(engine == Engine.POSTGRESQL ? "postgres" : "mysql", "SELECT 1");
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException(describe() + " did not respond to queries within "
                            + timeout.toSeconds() + " s: " + e.getMessage(), e);
                }
            }
            try {
                Thread.sleep(READY_POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(describe() + ": interrupted while waiting for the"
                        + " server to get ready", e);
            }
        }
    }

    public Engine engine() {
        return engine;
    }

    /** Returns the host where the port is published, usually {@code localhost}. */
    public String host() {
        return container.host();
    }

    /** Returns the host port that publishes the server's port. */
    public int port() {
        return container.mappedPort(engine.port);
    }

    /** Returns {@code postgres} or {@code root}, the superusers of the official images. */
    public String superuser() {
        return engine.superuser;
    }

    /** Returns the superuser's password. Keep it out of logs and command lines. */
    public String password() {
        return password;
    }

    /** Returns the folder of this machine's client tools (psql or mariadb) used with it. */
    public Path clientTools() {
        return clientTools;
    }

    /** Returns the environment's own folder, which contains the client's option file. */
    public Path folder() {
        return container.folder();
    }

    /**
     * Runs {@code sql} in {@code database} as the superuser and returns the rows, one line
     * per row with the columns separated by {@code |}. The SQL travels through standard input
     * and the password through the client's environment or a 0600 option file.
     *
     * @throws IOException if the client fails, with its error message
     */
    public List<String> query(String database, String sql) throws IOException {
        byte[] input = sql.getBytes(StandardCharsets.UTF_8);
        if (engine == Engine.POSTGRESQL) {
            List<String> command = List.of(clientTools.resolve("psql").toString(), "-X", "-q",
                    "-v", "ON_ERROR_STOP=1", "-h", host(), "-p", Integer.toString(port()), "-U",
                    superuser(), "-d", database, "-A", "-t", "-F", "|");
            return Processes.run(command, folder(), Map.of("PGPASSWORD", password,
                    "PGCONNECT_TIMEOUT", "30"), input, CLIENT_TIMEOUT, List.of(password))
                    .lines().toList();
        }
        List<String> command = new ArrayList<>(List.of(clientTools.resolve("mariadb")
                .toString(), "--defaults-file=" + optionFile(), "--skip-column-names",
                "--batch", "--database=" + database));
        return Processes.run(command, folder(), Map.of(), input, CLIENT_TIMEOUT,
                List.of(password)).lines().map(line -> line.replace('\t', '|')).toList();
    }

    private Path optionFile() throws IOException {
        Path file = folder().resolve("client.cnf");
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, "[client]\nuser=" + superuser() + "\npassword=" + password
                    + "\nhost=" + host() + "\nport=" + port() + "\nprotocol=TCP\n");
        }
        return file;
    }

    @Override
    public String describe() {
        String name = engine == Engine.POSTGRESQL ? "PostgreSQL" : "MariaDB";
        return name + " server in " + container.describe();
    }

    /** Stops and removes the container and deletes its folder. */
    @Override
    public void close() throws IOException {
        container.close();
    }

    @Override
    public String toString() {
        return describe();
    }
}
