package dev.holdfast.orchestrator.catalog;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server made with the installed {@code initdb} and {@code pg_ctl}: a
 * fresh cluster in a temporary folder, listening on a free loopback port, with one superuser
 * whose password is random. Closing it stops the server and deletes the folder.
 *
 * <p>PostgreSQL refuses to run as root, so under root the server runs as the {@code postgres}
 * account through {@code runuser}, in a folder that account owns.
 */
public final class PostgresServer implements AutoCloseable {
    /** The superuser that initdb creates. */
    public static final String USER = "holdfast";
    private static final List<Path> SEARCHED = List.of(Path.of("/usr/local/bin"),
            Path.of("/usr/lib/postgresql"), Path.of("/usr/bin"));
    private static final String OS_USER = "postgres";

    private final Path folder;
    private final Path binaries;
    private final int port;
    private final String password;

    private PostgresServer(Path folder, Path binaries, int port, String password) {
        this.folder = folder;
        this.binaries = binaries;
        this.port = port;
        this.password = password;
    }

    /** Returns the folder that holds initdb and pg_ctl, if they are installed. */
    public static Optional<Path> binaries() {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(":")) {
                candidates.add(Path.of(entry));
            }
        }
        candidates.addAll(SEARCHED);
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate.resolve("initdb"))
                    && Files.isExecutable(candidate.resolve("pg_ctl"))) {
                return Optional.of(candidate);
            }
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb"))).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Creates and starts a server with the binaries in {@code binaries}. */
    public static PostgresServer start(Path binaries) throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("holdfast-postgres-");
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        PostgresServer server = new PostgresServer(folder, binaries, freePort(), password);
        try {
            server.create();
            return server;
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.deleteFolder();
            throw e;
        }
    }

    private void create() throws IOException, InterruptedException {
        Path passwordFile = folder.resolve("password");
        Files.writeString(passwordFile, password, StandardCharsets.UTF_8);
        if (runningAsRoot()) {
            UserPrincipal owner = folder.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(OS_USER);
            Files.setOwner(folder, owner);
            Files.setOwner(passwordFile, owner);
        }
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        run("initdb", "-D", data().toString(), "-U", USER, "--auth=scram-sha-256",
                "--pwfile=" + passwordFile, "-E", "UTF8", "--no-sync", "--no-instructions");
        String options = "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1"
                + " -c fsync=off";
        run("pg_ctl", "-D", data().toString(), "-l", folder.resolve("server.log").toString(),
                "-w", "-t", "60", "-o", options, "start");
    }

    /** Returns the JDBC URL of database {@code name}, which {@link #createDatabase} made. */
    public String url(String name) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
    }

    /** Creates an empty database and returns its JDBC URL. */
    public String createDatabase(String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url("postgres"), USER,
                password); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    /** Returns the superuser's password. */
    public String password() {
        return password;
    }

    private Path data() {
        return folder.resolve("data");
    }

    private void run(String program, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (runningAsRoot()) {
            command.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        command.add(binaries.resolve(program).toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .directory(folder.toFile()).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(program + " did not finish within 120 s");
        }
        if (process.exitValue() != 0) {
            throw new IOException(program + " exited with " + process.exitValue() + ": "
                    + new String(output, StandardCharsets.UTF_8));
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            run("pg_ctl", "-D", data().toString(), "-m", "immediate", "-w", "stop");
        } finally {
            deleteFolder();
        }
    }

    private void deleteFolder() throws IOException {
        try (Stream<Path> tree = Files.walk(folder)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
