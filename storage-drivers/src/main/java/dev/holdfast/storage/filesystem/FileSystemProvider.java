package dev.holdfast.storage.filesystem;

import dev.holdfast.storage.ObjectInfo;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.StorageException;
import dev.holdfast.storage.StorageException.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A provider that keeps each object as a file under a root folder: key "data/ab/abcd" is the
 * file {@code root/data/ab/abcd}.
 *
 * <p>A put writes a temporary file in {@code root/.tmp/}, fsyncs it, publishes it under its
 * final name without replacing an existing file (see {@link NoReplacePublisher}), and fsyncs
 * the folder, so that a returned put survives a power cut and a crash at any point leaves
 * either the whole object or none. Deletes are synced the same way. Folders stay after their
 * objects are deleted, because removing them would race with a concurrent put into them.
 * Symbolic links under the root are not objects. New files and folders are readable by the
 * owner only (modes 0600 and 0700), as {@link DurableFiles} creates them. Errors are classified
 * as {@link IoFailures} describes. The provider keeps no open resources, so {@link #close()} does nothing.
 */
public final class FileSystemProvider implements Provider {
    /** Name of the folder under the root that contains temporary files. */
    static final String TEMP_FOLDER = ".tmp";

    private final String name;
    private final Path root;
    private final TempFolder tempFolder;
    private final NoReplacePublisher publisher;

    private FileSystemProvider(String name, Path root, boolean hardLinks) {
        this.name = name;
        this.root = root;
        this.tempFolder = new TempFolder(name, root.resolve(TEMP_FOLDER));
        this.publisher = new NoReplacePublisher(name, hardLinks);
    }

    /**
     * Creates the root folder and its missing parents (each synced to disk), then opens it.
     * An existing folder is opened as it is.
     */
    public static FileSystemProvider create(String name, Path root) throws StorageException {
        Objects.requireNonNull(name, "name");
        Path absolute = root.toAbsolutePath();
        if (Files.exists(absolute)) {
            return open(name, absolute);
        }
        try {
            DurableFiles.createFolders(absolute);
        } catch (IOException e) {
            throw new StorageException(IoFailures.kindOf(e), name, "create", absolute.toString(),
                    "cannot create the root folder: " + IoFailures.describe(e), e);
        }
        return open(name, absolute);
    }

    /**
     * Opens an existing root folder and removes temporary files that crashed writers left more
     * than an hour ago.
     *
     * @throws StorageException of kind PERMANENT when {@code root} is missing or not a folder
     */
    public static FileSystemProvider open(String name, Path root) throws StorageException {
        return open(name, root, true);
    }

    /** Opens with hard links disabled when {@code hardLinks} is false, to test the fallback. */
    static FileSystemProvider open(String name, Path root, boolean hardLinks)
            throws StorageException {
        Objects.requireNonNull(name, "name");
        Path realRoot = requireFolder(name, root.toAbsolutePath());
        FileSystemProvider provider = new FileSystemProvider(name, realRoot, hardLinks);
        provider.tempFolder.prepare(Instant.now());
        return provider;
    }

    private static Path requireFolder(String name, Path root) throws StorageException {
        if (!Files.exists(root)) {
            throw new StorageException(Kind.PERMANENT, name, "open", root.toString(),
                    "the root folder does not exist; create it (mkdir -p '" + root + "')"
                            + " or correct the configured path");
        }
        if (!Files.isDirectory(root)) {
            throw new StorageException(Kind.PERMANENT, name, "open", root.toString(),
                    "the root is not a folder; point the provider at a folder");
        }
        try {
            // The real path lets the tree walk of list() start at a root given as a link.
            return root.toRealPath();
        } catch (IOException e) {
            throw new StorageException(IoFailures.kindOf(e), name, "open", root.toString(),
                    IoFailures.describe(e), e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** Returns the root folder, with symbolic links resolved. */
    public Path root() {
        return root;
    }

    @Override
    public boolean putIfAbsent(String key, byte[] data) throws StorageException {
        return putIfAbsent(key, data, data.length);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] data, int length) throws StorageException {
        Path target = pathOf(key);
        Objects.checkFromIndexSize(0, length, data.length);
        try {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                return reportExisting(target);
            }
            createParentFolders(target);
            return publish(tempFolder.write(data, length), target);
        } catch (IOException e) {
            throw failure("put", key, e, Kind.PERMANENT);
        }
    }

    private static void createParentFolders(Path target) throws IOException {
        try {
            DurableFiles.createFolders(target.getParent());
        } catch (NotDirectoryException e) {
            throw new KeyConflictException("\"" + e.getFile() + "\" is a file where a folder is"
                    + " needed; a key cannot continue below the key of an existing object");
        }
    }

    private boolean publish(Path temp, Path target) throws IOException {
        try {
            if (!publisher.publish(temp, target)) {
                return reportExisting(target);
            }
            DurableFiles.syncFolder(target.getParent());
            return true;
        } finally {
            tempFolder.deleteQuietly(temp);
        }
    }

    /** Returns false for a put that found {@code target}, once it is a durable object. */
    private boolean reportExisting(Path target) throws IOException {
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new KeyConflictException("\"" + target + "\" is a folder or a link, not an"
                    + " object, so no object can be stored under its key");
        }
        // A racing writer may not have synced the folder yet.
        DurableFiles.syncFolder(target.getParent());
        return false;
    }

    @Override
    public byte[] get(String key) throws StorageException {
        Path path = pathOf(key);
        try {
            long size = objectAttributes(path).size();
            if (size > Integer.MAX_VALUE - 8) {
                throw new StorageException(Kind.PERMANENT, name, "get", key, "the object has "
                        + size + " bytes, more than a Java array can contain; read it in"
                        + " ranges");
            }
            return read(path, 0, (int) size);
        } catch (IOException e) {
            throw failure("get", key, e, Kind.NOT_FOUND);
        }
    }

    @Override
    public byte[] get(String key, long offset, int length) throws StorageException {
        Path path = pathOf(key);
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("range offset " + offset + " and length " + length
                    + " of key \"" + key + "\" must not be negative");
        }
        try {
            objectAttributes(path);
            return read(path, offset, length);
        } catch (IOException e) {
            throw failure("get", key, e, Kind.NOT_FOUND);
        }
    }

    private static byte[] read(Path path, long offset, int length) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long available = Math.max(0, channel.size() - offset);
            byte[] bytes = new byte[(int) Math.min(length, available)];
            int filled = 0;
            while (filled < bytes.length) {
                int slice = Math.min(DurableFiles.IO_SLICE, bytes.length - filled);
                int count = channel.read(ByteBuffer.wrap(bytes, filled, slice), offset + filled);
                if (count < 0) {
                    return Arrays.copyOf(bytes, filled);
                }
                filled += count;
            }
            return bytes;
        }
    }

    @Override
    public Optional<ObjectInfo> stat(String key) throws StorageException {
        Path path = pathOf(key);
        try {
            BasicFileAttributes attributes = objectAttributes(path);
            return Optional.of(new ObjectInfo(key, attributes.size(),
                    attributes.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("stat", key, e, Kind.NOT_FOUND);
        }
    }

    /**
     * Reads the attributes of the object at {@code path}. A folder, and a key that nests under
     * an object, count as absent.
     */
    private static BasicFileAttributes objectAttributes(Path path) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(
                    path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException e) {
            throw nestsUnderObject(e) ? new NoSuchFileException(path.toString()) : e;
        }
        if (!attributes.isRegularFile()) {
            throw new NoSuchFileException(path.toString(), null, "not a regular file");
        }
        return attributes;
    }

    @Override
    public void list(String prefix, Consumer<ObjectInfo> sink) throws StorageException {
        Path start = ObjectKeys.listingFolder(root, prefix);
        Objects.requireNonNull(sink, "sink");
        if (start == null || !Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(start, new ListingVisitor(root, tempFolder.path(), prefix, sink));
        } catch (IOException e) {
            throw failure("list", prefix, e, Kind.TRANSIENT);
        }
    }

    @Override
    public void delete(String key) throws StorageException {
        Path path = pathOf(key);
        try {
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                return; // a folder of other keys; no object has this key
            }
            if (Files.deleteIfExists(path)) {
                DurableFiles.syncFolder(path.getParent());
            }
        } catch (FileSystemException e) {
            if (!nestsUnderObject(e)) {
                throw failure("delete", key, e, Kind.TRANSIENT);
            }
        } catch (IOException e) {
            throw failure("delete", key, e, Kind.TRANSIENT);
        }
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "FileSystemProvider[" + name + " at " + root + "]";
    }

    /** Returns whether {@code e} is ENOTDIR, meaning that a folder on the path is a file. */
    private static boolean nestsUnderObject(FileSystemException e) {
        return e.getClass() == FileSystemException.class
                && "Not a directory".equals(e.getReason());
    }

    private Path pathOf(String key) {
        ObjectKeys.requireValid(key);
        return root.resolve(key);
    }

    /**
     * Wraps {@code e} for {@code operation}. A missing file means a missing object only where
     * the operation reads one; elsewhere it takes {@code missingFileKind}, since it means a
     * folder vanished underneath the provider.
     */
    private StorageException failure(String operation, String key, IOException e,
            Kind missingFileKind) {
        if (e instanceof StorageException storageException) {
            return storageException;
        }
        Kind kind = IoFailures.kindOf(e);
        if (kind == Kind.NOT_FOUND) {
            kind = missingFileKind;
        }
        String detail = kind == Kind.NOT_FOUND ? "no object has this key" : IoFailures.describe(e);
        return new StorageException(kind, name, operation, key, detail, e);
    }
}
