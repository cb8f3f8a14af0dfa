package dev.holdfast.restoretester.environment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway PostgreSQL cluster made with the installed {@code initdb} and {@code pg_ctl}. It
 * listens on 127.0.0.1 at a random free port and on a unix socket in its own folder, and has
 * one superuser, {@value #SUPERUSER}, with a random password (scram-sha-256 for every
 * connection). Durability is off ({@code fsync=off}): a crash loses the cluster, which is
 * thrown away anyway.
 *
 * <p>Its folder {@code holdfast-postgres-<random>} contains {@code data/}, {@code socket/} and
 * {@code server.log}. Under root it belongs to the server account, by default {@code postgres}.
 */
public final class EphemeralPostgres implements Environment {
    /** The superuser that initdb creates. */
    public static final String SUPERUSER = "holdfast";
    private static final Logger LOG = LoggerFactory.getLogger(EphemeralPostgres.class);
    private static final String HOST = "127.0.0.1";
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern SETTING = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(120);
    private static final int PORT_ATTEMPTS = 3;

    private final Footprint footprint;
    private final PostgresBinaries binaries;
    private final OsAccount account;
    private final String password;
    private final PostgresOptions options;
    private final String locale;
    private volatile int port;
    private volatile boolean closed;

    private EphemeralPostgres(Footprint footprint, PostgresBinaries binaries, OsAccount account,
            PostgresOptions options, String locale) {
        this.footprint = footprint;
        this.binaries = binaries;
        this.account = account;
        this.password = Secrets.password();
        this.options = options;
        this.locale = locale;
    }

    /** Creates and starts a cluster with {@link PostgresOptions#defaults()}. */
    public static EphemeralPostgres start() throws IOException {
        return start(PostgresOptions.defaults());
    }

    /**
     * Creates and starts a cluster. When any step fails, whatever was made is removed before
     * the exception is thrown.
     *
     * @throws IOException if no PostgreSQL is installed, the server account is missing, or
     *     initdb or the server fails; the message carries the tail of their output
     */
    public static EphemeralPostgres start(PostgresOptions options) throws IOException {
        requireSetting("encoding", options.encoding());
        if (options.locale() != null) {
            requireSetting("locale", options.locale());
        }
        PostgresBinaries binaries = PostgresBinaries.find(options.binaries());
        String locale = options.locale() != null ? options.locale()
                : Locales.defaultFor(options.encoding());
        OsAccount account = OsAccount.forServer(options.serverAccount());
        Footprint footprint = Footprint.create(options.stateFolder(), options.parentFolder(),
                "postgres", account);
        EphemeralPostgres cluster = new EphemeralPostgres(footprint, binaries, account, options,
                locale);
        try {
            cluster.initialize();
            cluster.startServer();
        } catch (IOException | RuntimeException e) {
            cluster.closeAfterFailure(e);
            throw e;
        }
        LOG.info("{}: started", cluster.describe());
        return cluster;
    }

    private void initialize() throws IOException {
        Files.createDirectory(socketFolder());
        account.own(socketFolder());
        // initdb reads the password from a file that only the server account can read.
        Path passwordFile = footprint.folder().resolve("superuser.password");
        Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(passwordFile, password, StandardCharsets.UTF_8);
            account.own(passwordFile);
            runServerTool("initdb", "-D", dataFolder().toString(), "-U", SUPERUSER,
                    "--auth=scram-sha-256", "--pwfile=" + passwordFile, "-E",
                    options.encoding(), "--locale=" + locale, "--no-sync");
        } finally {
            Files.deleteIfExists(passwordFile);
        }
        appendSettings("""
                # Holdfast: a throwaway cluster, reachable only from this machine.
                listen_addresses = '127.0.0.1'
                unix_socket_directories = '%s'
                fsync = off
                synchronous_commit = off
                full_page_writes = off
                """.formatted(socketFolder().toString().replace("'", "''")));
    }

    /** Starts the server, picking another port when the chosen one was taken meanwhile. */
    private void startServer() throws IOException {
        for (int attempt = 1; ; attempt++) {
            port = Ports.free();
            appendSettings("port = " + port + "\n");
            try {
                runServerTool("pg_ctl", "-D", dataFolder().toString(), "-l", log().toString(),
                        "-w", "-t", Long.toString(options.startTimeout().toSeconds()), "start");
                break;
            } catch (IOException e) {
                String log = Processes.tailOf(log(), List.of(password));
                if (attempt < PORT_ATTEMPTS && log.contains("could not bind")) {
                    continue;
                }
                throw new IOException("PostgreSQL in '" + footprint.folder() + "' did not start: "
                        + e.getMessage() + "\nServer log: " + log, e);
            }
        }
        recordServer(dataFolder().resolve("postmaster.pid"));
    }

    private void appendSettings(String lines) throws IOException {
        Files.writeString(dataFolder().resolve("postgresql.conf"), "\n" + lines,
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private String runServerTool(String program, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(binaries.folder().resolve(program).toString());
        command.addAll(List.of(arguments));
        return Processes.run(account.wrap(command), footprint.folder(), Map.of(), null,
                options.startTimeout().plusSeconds(30), List.of(password));
    }

    /** Returns {@value #HOST}: the server listens on no other address. */
    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    /** Returns the folder of the server's unix socket, for {@code psql -h <folder>}. */
    public Path socketFolder() {
        return footprint.folder().resolve("socket");
    }

    public Path dataFolder() {
        return footprint.folder().resolve("data");
    }

    /** Returns the folder that contains everything of this cluster. */
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
     * Returns the folder of the binaries that run this cluster, where {@code pg_dump},
     * {@code pg_restore} and {@code psql} of the same version are.
     */
    public Path binaries() {
        return binaries.folder();
    }

    /** Returns the server's version, such as {@code 15.13}. */
    public String version() {
        return binaries.version();
    }

    /** Returns {@code jdbc:postgresql://127.0.0.1:<port>/<database>}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    /** Creates an empty database with the cluster's encoding and locale. */
    public String createDatabase(String name) throws IOException {
        return createDatabase(name, options.encoding(), locale);
    }

    /**
     * Creates an empty database from {@code template0} with its own encoding and locale (used
     * for both collation and character classes), through {@code psql} of the same version.
     *
     * @param name a plain identifier: letters, digits and underscores, at most 63
     * @param encoding such as {@code UTF8} or {@code LATIN1}
     * @param locale such as {@code C} or {@code en_US.UTF-8}; it must suit the encoding
     * @return the new database's JDBC URL
     * @throws IOException if PostgreSQL rejects the database, with psql's message
     */
    public String createDatabase(String name, String encoding, String locale)
            throws IOException {
        if (!DATABASE.matcher(name).matches()) {
            throw new IllegalArgumentException("Database name '" + name + "' is not a plain"
                    + " identifier; use letters, digits and underscores (at most 63)");
        }
        requireSetting("encoding", encoding);
        requireSetting("locale", locale);
        String sql = "CREATE DATABASE \"%s\" TEMPLATE template0 ENCODING '%s' LC_COLLATE '%s'"
                + " LC_CTYPE '%s';\n";
        try {
            psql(sql.formatted(name, encoding, locale, locale));
        } catch (IOException e) {
            throw new IOException("Could not create database '" + name + "' with encoding '"
                    + encoding + "' and locale '" + locale + "' on " + HOST + ":" + port + ": "
                    + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    /**
     * Runs {@code sql} in {@code database} as the superuser through {@code psql} and returns
     * the rows it prints, one line per row with the columns separated by {@code |} and NULL
     * as an empty column. The SQL travels through standard input.
     *
     * <p>psql's notices go to the same output, so a statement that raises one returns it as a
     * line too.
     *
     * @throws IOException if psql fails, with its error message
     */
    public List<String> query(String database, String sql) throws IOException {
        if (!DATABASE.matcher(database).matches()) {
            throw new IllegalArgumentException("Database name '" + database + "' is not a"
                    + " plain identifier; use letters, digits and underscores (at most 63)");
        }
        String output = psql(database, sql, "-A", "-t", "-F", "|");
        return output.lines().toList();
    }

    private void psql(String sql) throws IOException {
        psql("postgres", sql);
    }

    private String psql(String database, String sql, String... formatting) throws IOException {
        List<String> command = new ArrayList<>(List.of(binaries.folder().resolve("psql")
                .toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", HOST, "-p",
                Integer.toString(port), "-U", SUPERUSER, "-d", database));
        command.addAll(List.of(formatting));
        // The password travels in the child's environment, never in its arguments.
        Map<String, String> environment = Map.of("PGPASSWORD", password,
                "PGCONNECT_TIMEOUT", "30");
        return Processes.run(command, footprint.folder(), environment,
                sql.getBytes(StandardCharsets.UTF_8), CLIENT_TIMEOUT, List.of(password));
    }

    private static void requireSetting(String label, String value) {
        if (!SETTING.matcher(value).matches()) {
            throw new IllegalArgumentException("PostgreSQL " + label + " '" + value + "' has"
                    + " characters other than letters, digits and . _ @ -; give a plain name");
        }
    }

    private Path log() {
        return footprint.folder().resolve("server.log");
    }

    @Override
    public String describe() {
        return "PostgreSQL " + binaries.version() + " on " + HOST + ":" + port + " (superuser "
                + SUPERUSER + ", encoding " + options.encoding() + ", locale " + locale
                + ", folder " + footprint.folder() + ")";
    }

    /**
     * Stops the server at once ({@code pg_ctl stop -m immediate}), kills it if that fails,
     * and deletes the folder and the marker.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        Path pidFile = dataFolder().resolve("postmaster.pid");
        if (Files.exists(pidFile)) {
            // Recorded first, so that the kill below also covers a server whose start timed out.
            recordServer(pidFile);
            try {
                runServerTool("pg_ctl", "-D", dataFolder().toString(), "-m", "immediate", "-w",
                        "-t", "30", "stop");
            } catch (IOException e) {
                LOG.warn("{}: pg_ctl stop failed; killing the server instead", describe(), e);
            }
        }
        footprint.destroy();
        closed = true;
        LOG.info("{}: removed", describe());
    }

    private void recordServer(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.getFirst().strip().matches("\\d+")) {
            return;
        }
        long pid = Long.parseLong(lines.getFirst().strip());
        var server = ProcessHandle.of(pid).filter(Processes::isRunning);
        if (server.isPresent()) {
            footprint.recordServer(server.get());
        }
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
}
