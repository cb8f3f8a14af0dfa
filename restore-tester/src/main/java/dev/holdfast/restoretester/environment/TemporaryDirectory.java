package dev.holdfast.restoretester.environment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fresh, empty folder {@code holdfast-directory-<random>} under a chosen parent, for a restore
 * of files. Closing it deletes the whole tree, read-only files and folders included.
 */
public final class TemporaryDirectory implements Environment {
    private static final String KIND = "directory";

    private final Footprint footprint;
    private final long bytesNeeded;

    private TemporaryDirectory(Footprint footprint, long bytesNeeded) {
        this.footprint = footprint;
        this.bytesNeeded = bytesNeeded;
    }

    /**
     * Creates a temporary directory under {@code parent}, recorded in the default state folder
     * {@link Leftovers#defaultStateFolder()}.
     *
     * @see #create(Path, long, Path)
     */
    public static TemporaryDirectory create(Path parent, long bytesNeeded) throws IOException {
        return create(parent, bytesNeeded, Leftovers.defaultStateFolder());
    }

    /**
     * Creates a temporary directory under {@code parent} (created if missing) after checking
     * that the parent's file store has at least {@code bytesNeeded} usable bytes.
     *
     * @param bytesNeeded the space the caller will write, 0 to skip the check
     * @param stateFolder where the directory's marker is written until it is closed
     * @throws IOException if the space is short (the message names the folder, the bytes needed
     *     and the bytes free) or the folder cannot be made
     */
    public static TemporaryDirectory create(Path parent, long bytesNeeded, Path stateFolder)
            throws IOException {
        if (bytesNeeded < 0) {
            throw new IllegalArgumentException("bytesNeeded must be 0 or more, not "
                    + bytesNeeded);
        }
        Files.createDirectories(parent);
        checkSpace(parent, bytesNeeded);
        Footprint footprint = Footprint.create(stateFolder, parent, KIND, new OsAccount(null));
        return new TemporaryDirectory(footprint, bytesNeeded);
    }

    /** Checks that {@code folder}'s file store has {@code bytesNeeded} usable bytes. */
    static void checkSpace(Path folder, long bytesNeeded) throws IOException {
        long free = Files.getFileStore(folder).getUsableSpace();
        if (free < bytesNeeded) {
            throw new IOException("Not enough free space in '" + folder.toAbsolutePath() + "': "
                    + bytesNeeded + " bytes needed, " + free + " bytes free; free some space"
                    + " or choose a folder on a larger volume");
        }
    }

    /** Returns the directory, which exists until {@link #close()}. */
    public Path path() {
        return footprint.folder();
    }

    @Override
    public String describe() {
        return "Temporary directory " + path() + " (" + bytesNeeded + " bytes requested)";
    }

    @Override
    public void close() throws IOException {
        footprint.destroy();
    }

    @Override
    public String toString() {
        return describe();
    }
}
