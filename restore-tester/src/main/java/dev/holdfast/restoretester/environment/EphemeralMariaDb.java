package dev.holdfast.restoretester.environment;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway MariaDB server made with the installed {@code mariadb-install-db} and started as
 * {@code mariadbd}, reading no option file ({@code --no-defaults}). It listens on 127.0.0.1 at
 * a random free port and on a unix socket in its own folder. Its superuser is {@code root}
 * with a random password; over the socket, root of the OS may also log in without it.
 *
 * <p>Its folder {@code holdfast-mariadb-<random>} contains {@code data/}, {@code tmp/},
 * {@code mysqld.sock}, {@code mysqld.pid}, {@code error.log} and {@code client.cnf}. Under root
 * the server drops to the server account ({@code --user}), by default {@code mysql}.
 *
 * <p>The class talks to the server through the {@code mariadb} client, so this module needs no
 * JDBC driver; callers that use JDBC add {@code org.mariadb.jdbc:mariadb-java-client}.
 */
public final class EphemeralMariaDb implements Environment {
    /** The superuser, reachable over TCP with {@link #password()}. */
    public static final String SUPERUSER = "root";
    private static final Logger LOG = LoggerFactory.getLogger(EphemeralMariaDb.class);
    private static final String HOST = "127.0.0.1";
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int PORT_ATTEMPTS = 3;

    private final Footprint footprint;
    private final MariaDbBinaries binaries;
    private final OsAccount account;
    private final MariaDbOptions options;
    private final String password = Secrets.password();
    private volatile Process server;
    private volatile int port;
    private volatile boolean closed;

    private EphemeralMariaDb(Footprint footprint, MariaDbBinaries binaries, OsAccount account,
            MariaDbOptions options) {
        this.footprint = footprint;
        this.binaries = binaries;
        this.account = account;
        this.options = options;
    }

    /** Creates and starts a server with {@link MariaDbOptions#defaults()}. */
    public static EphemeralMariaDb start() throws IOException {
        return start(MariaDbOptions.defaults());
    }

    /**
     * Creates and starts a server, then gives {@code root} its random password. When any step
     * fails, whatever was made is removed before the exception is thrown.
     *
     * @throws IOException if MariaDB is not installed, the server account is missing, or the
     *     server does not accept connections within the start timeout. The message then
     *     carries the tail of the server's error log.
     */
    public static EphemeralMariaDb start(MariaDbOptions options) throws IOException {
        requireName("character set", options.characterSet());
        requireName("collation", options.collation());
        MariaDbBinaries binaries = MariaDbBinaries.find(options.binaries());
        OsAccount account = OsAccount.forServer(options.serverAccount());
        Footprint footprint = Footprint.create(options.stateFolder(), options.parentFolder(),
                "mariadb", account);
        EphemeralMariaDb mariaDb = new EphemeralMariaDb(footprint, binaries, account, options);
        try {
            mariaDb.initialize();
            mariaDb.startServer();
            mariaDb.setPassword();
        } catch (IOException | RuntimeException e) {
            mariaDb.closeAfterFailure(e);
            throw e;
        }
        LOG.info("{}: started", mariaDb.describe());
        return mariaDb;
    }

    /**
     * Creates the system tables. Root of MariaDB may log in only over the socket, as the OS
     * user that runs this JVM, until {@link #setPassword()} adds a TCP account.
     */
    private void initialize() throws IOException {
        Files.createDirectory(folder().resolve("tmp"));
        account.own(folder().resolve("tmp"));
        List<String> command = new ArrayList<>(List.of(binaries.installDb().toString(),
                "--no-defaults", "--datadir=" + dataFolder(),
                "--auth-root-socket-user=" + OsAccount.currentUser(), "--skip-test-db"));
        if (account.isOther()) {
            command.add("--user=" + account.name());
        }
        Processes.run(command, folder(), Map.of(), null, options.startTimeout(), List.of());
    }

    /** Starts the server, picking another port when the chosen one was taken meanwhile. */
    private void startServer() throws IOException {
        for (int attempt = 1; ; attempt++) {
            port = Ports.free();
            // A fresh log per attempt, so that a bind failure of the last one is not read again.
            Files.deleteIfExists(errorLog());
            server = launch();
            footprint.recordServer(server.toHandle());
            try {
                awaitReady();
                return;
            } catch (PortTakenException e) {
                if (attempt == PORT_ATTEMPTS) {
                    throw new IOException(e.getMessage(), e);
                }
            }
        }
    }

    private Process launch() throws IOException {
        List<String> command = new ArrayList<>(List.of(binaries.server().toString(),
                "--no-defaults", "--datadir=" + dataFolder(), "--socket=" + socket(),
                "--pid-file=" + folder().resolve("mysqld.pid"), "--port=" + port,
                "--bind-address=" + HOST, "--skip-networking=0", "--skip-name-resolve",
                "--log-error=" + errorLog(), "--tmpdir=" + folder().resolve("tmp"),
                "--character-set-server=" + options.characterSet(),
                "--collation-server=" + options.collation(),
                // Durability is pointless for a throwaway server.
                "--innodb-flush-log-at-trx-commit=0"));
        if (account.isOther()) {
            command.add("--user=" + account.name());
        }
        // Output goes to a file: a pipe would break when this JVM dies and take the server down
        // before a sweep could find it.
        File output = folder().resolve("stdout.log").toFile();
        return new ProcessBuilder(command).directory(folder().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(output))
                .start();
    }

    /** Waits until the server accepts TCP connections and its socket exists. */
    private void awaitReady() throws IOException {
        Instant deadline = Instant.now().plus(options.startTimeout());
        while (!acceptsConnections()) {
            if (!server.isAlive()) {
                String log = serverLogs();
                String message = "MariaDB in '" + folder() + "' exited with "
                        + server.exitValue() + " while starting on port " + port + log;
                if (log.contains("Address already in use")) {
                    throw new PortTakenException(message);
                }
                throw new IOException(message);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("MariaDB in '" + folder() + "' did not accept connections"
                        + " on " + HOST + ":" + port + " within " + options.startTimeout()
                        .toSeconds() + " s" + serverLogs());
            }
            pause();
        }
    }

    private boolean acceptsConnections() {
        if (!Files.exists(socket())) {
            return false;
        }
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(HOST, port), (int) POLL.toMillis() * 10);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while MariaDB started");
        }
    }

    /**
     * Adds {@code root@127.0.0.1} and gives {@code root@localhost} the same random password,
     * keeping its socket login for the OS root. The SQL goes through standard input, and the
     * password then lives in {@code client.cnf} (mode 0600) for later client calls.
     */
    private void setPassword() throws IOException {
        String sql = """
                CREATE USER 'root'@'127.0.0.1' IDENTIFIED BY '%1$s';
                GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
                ALTER USER 'root'@'localhost'
                    IDENTIFIED VIA mysql_native_password USING PASSWORD('%1$s') OR unix_socket;
                """.formatted(password);
        runClient(List.of("--no-defaults", "--socket=" + socket(),
                "--user=" + OsAccount.currentUser()), sql);
        Path options = clientOptionsFile();
        Files.createFile(options, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        Files.writeString(options, """
                [client]
                user=%s
                password=%s
                socket=%s
                protocol=socket
                """.formatted(SUPERUSER, password, socket()), StandardCharsets.UTF_8);
    }

    private String runClient(List<String> options, String sql) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(binaries.client().toString());
        command.addAll(options);
        command.add("--batch");
        return Processes.run(command, folder(), Map.of(), sql.getBytes(StandardCharsets.UTF_8),
                CLIENT_TIMEOUT, List.of(password));
    }

    /** Returns {@value #HOST}: the server listens on no other address. */
    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    /** Returns the server's unix socket. */
    public Path socket() {
        return folder().resolve("mysqld.sock");
    }

    public Path dataFolder() {
        return folder().resolve("data");
    }

    /** Returns the folder that contains everything of this server. */
    public Path folder() {
        return footprint.folder();
    }

    /** Returns {@value #SUPERUSER}. */
    public String superuser() {
        return SUPERUSER;
    }

    /** Returns the superuser's password. Keep it out of logs and command lines. */
    public String password() {
        return password;
    }

    /**
     * Returns an option file (mode 0600) with the superuser, password and socket, for
     * {@code mariadb --defaults-file=<file>} and {@code mariadb-dump --defaults-file=<file>},
     * so that no password appears in their arguments. The option must come first.
     */
    public Path clientOptionsFile() {
        return folder().resolve("client.cnf");
    }

    /** Returns the folder of the {@code mariadb} client, where {@code mariadb-dump} also is. */
    public Path binaries() {
        return binaries.client().getParent();
    }

    /** Returns the server's version, such as {@code 10.11.19}. */
    public String version() {
        return binaries.version();
    }

    /** Returns {@code jdbc:mariadb://127.0.0.1:<port>/<database>}. */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://" + HOST + ":" + port + "/" + database;
    }

    /** Creates an empty database with the server's character set and collation. */
    public String createDatabase(String name) throws IOException {
        return createDatabase(name, options.characterSet(), options.collation());
    }

    /**
     * Creates an empty database with its own character set and collation.
     *
     * @param name a plain identifier: letters, digits and underscores, at most 64
     * @param characterSet such as {@code utf8mb4} or {@code latin1}
     * @param collation a collation of that character set, such as {@code latin1_swedish_ci}
     * @return the new database's JDBC URL
     * @throws IOException if MariaDB rejects the database, with the client's message
     */
    public String createDatabase(String name, String characterSet, String collation)
            throws IOException {
        requireName("database name", name);
        requireName("character set", characterSet);
        requireName("collation", collation);
        String sql = "CREATE DATABASE `%s` CHARACTER SET %s COLLATE %s;\n"
                .formatted(name, characterSet, collation);
        try {
            runClient(List.of("--defaults-file=" + clientOptionsFile()), sql);
        } catch (IOException e) {
            throw new IOException("Could not create database '" + name + "' with character set '"
                    + characterSet + "' and collation '" + collation + "' on " + HOST + ":"
                    + port + ": " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    /**
     * Runs {@code sql} in {@code database} as the superuser through the {@code mariadb} client
     * and returns the rows it prints, one line per row with the columns separated by
     * {@code |}. The client's batch mode writes NULL as {@code NULL} and escapes tabs,
     * newlines and backslashes inside values. The SQL travels through standard input.
     *
     * @throws IOException if the client fails, with its error message
     */
    public List<String> query(String database, String sql) throws IOException {
        requireName("database name", database);
        String output = runClient(List.of("--defaults-file=" + clientOptionsFile(),
                "--skip-column-names", "--database=" + database), sql);
        return output.lines().map(line -> line.replace('\t', '|')).toList();
    }

    private static void requireName(String label, String value) {
        if (!NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("MariaDB " + label + " '" + value + "' is not a"
                    + " plain name; use letters, digits and underscores (at most 64)");
        }
    }

    /**
     * Returns the tails of the error log and of the server's own output, where errors go that
     * happen before the error log is open (an unknown option, for one).
     */
    private String serverLogs() {
        String logs = "\nServer log: " + Processes.tailOf(errorLog(), List.of());
        Path output = folder().resolve("stdout.log");
        if (Files.exists(output)) {
            logs += "\nServer output: " + Processes.tailOf(output, List.of());
        }
        return logs;
    }

    private Path errorLog() {
        return folder().resolve("error.log");
    }

    @Override
    public String describe() {
        return "MariaDB " + binaries.version() + " on " + HOST + ":" + port + " (superuser "
                + SUPERUSER + ", character set " + options.characterSet() + ", folder "
                + folder() + ")";
    }

    /**
     * Stops the server with SIGTERM, waits up to 30 s for its clean shutdown, kills it after
     * that, and deletes the folder and the marker.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        Process running = server;
        if (running != null && running.isAlive()) {
            running.destroy();
            if (!Processes.awaitExit(running.toHandle(), STOP_TIMEOUT)) {
                LOG.warn("{}: no clean shutdown within {} s; killing it", describe(),
                        STOP_TIMEOUT.toSeconds());
            }
        }
        footprint.destroy();
        closed = true;
        LOG.info("{}: removed", describe());
    }

    private void closeAfterFailure(Exception failure) {
        try {
            close();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public String toString() {
        return describe();
    }

    /** The server could not bind its port, which another process took after we chose it. */
    private static final class PortTakenException extends IOException {
        PortTakenException(String message) {
            super(message);
        }
    }
}
