package dev.holdfast.restoretester.environment;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the environments of JVMs that died before closing them. Call {@link #sweep} when the
 * restore tester starts, before it makes new environments in the same state folder.
 */
public final class Leftovers {
    private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

    private Leftovers() {
    }

    /**
     * An environment that a sweep removed.
     *
     * @param kind {@code directory}, {@code postgres} or {@code mariadb}
     * @param folder the folder that was deleted
     * @param serverPid the server process that was killed if it still ran, empty when the
     *     environment had none
     * @param ownerPid the PID of the JVM that made it and is gone
     */
    public record Leftover(String kind, Path folder, OptionalLong serverPid, long ownerPid) {
    }

    /** Returns {@code ~/.cache/holdfast/environments}, the state folder unless one is given. */
    public static Path defaultStateFolder() {
        return Path.of(System.getProperty("user.home"), ".cache", "holdfast", "environments");
    }

    /**
     * Finds the markers in {@code stateFolder} whose owning JVM is gone (its PID is not running,
     * or runs a process with another start time), kills each recorded server that still runs
     * the recorded command line, deletes each folder and then each marker.
     *
     * <p>Markers of running JVMs are left alone. A leftover that cannot be removed is logged
     * and keeps its marker, so the next sweep tries again.
     *
     * @return the environments removed; empty when the state folder does not exist
     * @throws IOException if the state folder cannot be listed
     */
    public static List<Leftover> sweep(Path stateFolder) throws IOException {
        if (!Files.isDirectory(stateFolder)) {
            return List.of();
        }
        List<Leftover> removed = new ArrayList<>();
        try (DirectoryStream<Path> markers =
                Files.newDirectoryStream(stateFolder, "*" + Marker.SUFFIX)) {
            for (Path file : markers) {
                sweepOne(file).ifPresent(removed::add);
            }
        }
        return removed;
    }

    private static Optional<Leftover> sweepOne(Path file) {
        try {
            Optional<Marker> read = Marker.read(file);
            if (read.isEmpty()) {
                LOG.warn("Leftovers: marker '{}' is incomplete; delete it by hand once its"
                        + " folder is checked", file);
                return Optional.empty();
            }
            Marker marker = read.get();
            if (marker.ownerAlive()) {
                return Optional.empty();
            }
            return Optional.of(remove(marker));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Leftovers: could not remove the environment of marker '{}'", file, e);
            return Optional.empty();
        }
    }

    private static Leftover remove(Marker marker) throws IOException {
        Path name = marker.folder().getFileName();
        if (name == null || !name.toString().startsWith("holdfast-")) {
            // Environments only ever make such folders; anything else is not ours to delete.
            throw new IOException("Marker names folder '" + marker.folder()
                    + "', which no environment makes; delete the marker by hand");
        }
        boolean hasServer = marker.serverPid() != 0;
        if (hasServer && !Processes.killIfSame(marker.serverPid(), marker.serverCommand())) {
            throw new IOException("Server process " + marker.serverPid()
                    + " is still running after SIGKILL");
        }
        Footprint.deleteTree(marker.folder());
        marker.delete();
        LOG.info("Leftovers: removed {} environment '{}' of dead JVM {}", marker.kind(),
                marker.folder(), marker.ownerPid());
        OptionalLong server = hasServer ? OptionalLong.of(marker.serverPid())
                : OptionalLong.empty();
        return new Leftover(marker.kind(), marker.folder(), server, marker.ownerPid());
    }
}
