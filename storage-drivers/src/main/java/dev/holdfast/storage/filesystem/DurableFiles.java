package dev.holdfast.storage.filesystem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * File operations that reach the disk before they return. A file's data is durable after an
 * fsync of the file. Its name is durable only after an fsync of the folder that contains it,
 * and a new folder's name only after an fsync of that folder's parent.
 *
 * <p>New files get mode 0600 and new folders 0700 where the file system has POSIX permissions,
 * because a repository contains its key slots, which anyone who can read them may attack
 * offline. The process umask can only remove more bits.
 */
final class DurableFiles {
    /** Bytes per write or read call, which bounds the JDK's temporary native buffer. */
    static final int IO_SLICE = 1 << 20;

    private static final Set<PosixFilePermission> FILE_MODE =
            PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> FOLDER_MODE =
            PosixFilePermissions.fromString("rwx------");
    private static final Set<OpenOption> CREATE_NEW_FOR_WRITING =
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    private DurableFiles() {
    }

    /**
     * Writes the first {@code length} bytes of {@code data} to the new file {@code path} and
     * forces data and metadata to disk.
     */
    static void writeNew(Path path, byte[] data, int length) throws IOException {
        try (FileChannel channel = FileChannel.open(path, CREATE_NEW_FOR_WRITING,
                ownerOnly(path, FILE_MODE))) {
            for (int written = 0; written < length; ) {
                int slice = Math.min(IO_SLICE, length - written);
                written += channel.write(ByteBuffer.wrap(data, written, slice));
            }
            channel.force(true);
        }
    }

    /** Forces the entries of {@code folder}, its new and removed names, to disk. */
    static void syncFolder(Path folder) throws IOException {
        // Linux and the BSDs open a folder for reading and accept fsync on it.
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /**
     * Creates {@code folder} and its missing ancestors, syncing the parent of each new folder.
     *
     * @throws NotDirectoryException when a file is where a folder is needed
     */
    static void createFolders(Path folder) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = folder; p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        for (Path p : missing) {
            createFolderOrAcceptExisting(p);
            syncFolder(p.getParent());
        }
    }

    /**
     * Returns the permissions to create {@code path} with, or none where its file system has no
     * POSIX permissions, such as the JDK's zip file system.
     */
    private static FileAttribute<?>[] ownerOnly(Path path, Set<PosixFilePermission> mode) {
        if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)};
    }

    private static void createFolderOrAcceptExisting(Path folder) throws IOException {
        try {
            Files.createDirectory(folder, ownerOnly(folder, FOLDER_MODE));
        } catch (FileAlreadyExistsException e) {
            // A concurrent writer may have created it, which is fine; a file is not.
            if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                throw new NotDirectoryException(folder.toString());
            }
        }
    }
}
