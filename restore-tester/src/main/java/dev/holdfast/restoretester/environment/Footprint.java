package dev.holdfast.restoretester.environment;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * What one environment has made on the machine: its folder, its marker in the state folder and
 * its server process. {@link #destroy()} removes all three, whatever exists of them.
 */
final class Footprint {
    private static final int NAME_ATTEMPTS = 10;

    private final Path folder;
    private Marker marker;
    private boolean destroyed;

    private Footprint(Path folder, Marker marker) {
        this.folder = folder;
        this.marker = marker;
    }

    /**
     * Makes a fresh folder {@code holdfast-<kind>-<random>} under {@code parent}, owned by
     * {@code account} with mode 0700. The marker is written before the folder, so a crash in
     * between leaves nothing unrecorded.
     */
    static Footprint create(Path stateFolder, Path parent, String kind, OsAccount account)
            throws IOException {
        Path absoluteParent = parent.toAbsolutePath().normalize();
        Files.createDirectories(absoluteParent);
        account.checkCanReach(absoluteParent);
        for (int attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
            Path folder = absoluteParent.resolve("holdfast-" + kind + "-" + Secrets.token(6));
            Marker marker = Marker.create(stateFolder, kind, folder);
            Footprint footprint = new Footprint(folder, marker);
            try {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
                account.own(folder);
                return footprint;
            } catch (FileAlreadyExistsException e) {
                marker.delete();
            } catch (IOException | RuntimeException e) {
                destroyAfterFailure(footprint, e);
                throw e;
            }
        }
        throw new IOException("Could not make a new folder in '" + absoluteParent + "' after "
                + NAME_ATTEMPTS + " random names; check that the folder is writable");
    }

    /** Destroys a half-made environment, keeping the first failure as the one to report. */
    static void destroyAfterFailure(Footprint footprint, Exception failure) {
        try {
            footprint.destroy();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    Path folder() {
        return folder;
    }

    /** Records the server process in the marker, so a sweep can stop it after a crash. */
    synchronized void recordServer(ProcessHandle server) throws IOException {
        marker = marker.withServer(server);
    }

    /**
     * Kills the recorded server if it still runs, deletes the folder and then the marker.
     * Repeating it after a success does nothing; repeating it after a failure tries again.
     */
    synchronized void destroy() throws IOException {
        if (destroyed) {
            return;
        }
        boolean serverGone = marker.serverPid() == 0
                || Processes.killIfSame(marker.serverPid(), marker.serverCommand());
        deleteTree(folder);
        if (!serverGone) {
            throw new IOException("Server process " + marker.serverPid() + " of '" + folder
                    + "' is still running after SIGKILL; its marker '" + marker.file()
                    + "' is kept so that a later sweep retries");
        }
        marker.delete();
        destroyed = true;
    }

    /**
     * Deletes a tree without following links. Folders that the owner may not write or search
     * are opened up first, because their entries could not be deleted otherwise.
     */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                        throws IOException {
                    openUp(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                        throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e)
                        throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // A server that was still shutting down removed a file first; try once more.
            deleteTree(root);
        }
    }

    private static void openUp(Path dir) throws IOException {
        Set<PosixFilePermission> wanted = EnumSet.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
        Set<PosixFilePermission> current = Files.getPosixFilePermissions(dir);
        if (!current.containsAll(wanted) && !OsAccount.runningAsRoot()) {
            current.addAll(wanted);
            Files.setPosixFilePermissions(dir, current);
        }
    }
}
