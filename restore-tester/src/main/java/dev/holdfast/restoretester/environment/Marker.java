package dev.holdfast.restoretester.environment;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * The record of one environment in the state folder: which JVM owns it, which folder it made
 * and which server process it started. {@link Leftovers#sweep} reads it after a crash.
 *
 * @param file the marker file itself, {@code <state folder>/<name>.marker}
 * @param kind the kind of environment, such as {@code postgres}
 * @param folder the environment's folder, deleted with the environment
 * @param ownerPid the PID of the JVM that made the environment
 * @param ownerStart that JVM's start time as an ISO-8601 instant, empty when the OS did not
 *     tell; a PID with a different start time belongs to another process
 * @param serverPid the server's PID, 0 when there is no server (yet)
 * @param serverCommand the server's command line when it was recorded, so that a recycled PID
 *     is never killed
 */
record Marker(Path file, String kind, Path folder, long ownerPid, String ownerStart,
        long serverPid, String serverCommand) {
    static final String SUFFIX = ".marker";

    /** Writes a marker for a new environment of this JVM, before its folder exists. */
    static Marker create(Path stateFolder, String kind, Path folder) throws IOException {
        Files.createDirectories(stateFolder);
        Path file = stateFolder.resolve(folder.getFileName() + SUFFIX);
        ProcessHandle self = ProcessHandle.current();
        String start = self.info().startInstant().map(Instant::toString).orElse("");
        Marker marker = new Marker(file, kind, folder, self.pid(), start, 0, "");
        marker.write();
        return marker;
    }

    /** Returns this marker with the server process added, written to disk. */
    Marker withServer(ProcessHandle server) throws IOException {
        Marker marker = new Marker(file, kind, folder, ownerPid, ownerStart, server.pid(),
                Processes.commandLine(server));
        marker.write();
        return marker;
    }

    /** Reads a marker file, or returns empty when it is not a complete marker. */
    static Optional<Marker> read(Path file) throws IOException {
        Properties values = new Properties();
        values.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        String kind = values.getProperty("kind");
        String folder = values.getProperty("folder");
        String owner = values.getProperty("owner.pid");
        if (kind == null || folder == null || owner == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Marker(file, kind, Path.of(folder), Long.parseLong(owner),
                    values.getProperty("owner.start", ""),
                    Long.parseLong(values.getProperty("server.pid", "0")),
                    values.getProperty("server.command", "")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Returns whether the JVM that wrote this marker is still running. */
    boolean ownerAlive() {
        Optional<ProcessHandle> owner = ProcessHandle.of(ownerPid)
                .filter(Processes::isRunning);
        if (owner.isEmpty()) {
            return false;
        }
        if (ownerStart.isEmpty()) {
            return true;
        }
        String start = owner.get().info().startInstant().map(Instant::toString).orElse("");
        return start.isEmpty() || start.equals(ownerStart);
    }

    void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    /** Writes through a temporary file and a rename, so a crash never leaves half a marker. */
    private void write() throws IOException {
        Properties values = new Properties();
        values.setProperty("kind", kind);
        values.setProperty("folder", folder.toString());
        values.setProperty("owner.pid", Long.toString(ownerPid));
        values.setProperty("owner.start", ownerStart);
        values.setProperty("server.pid", Long.toString(serverPid));
        values.setProperty("server.command", serverCommand);
        StringWriter text = new StringWriter();
        values.store(text, "A Holdfast throwaway environment; removed by Leftovers.sweep");
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text.toString(), StandardCharsets.UTF_8);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
