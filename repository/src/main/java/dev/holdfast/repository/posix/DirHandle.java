package dev.holdfast.repository.posix;

import static dev.holdfast.repository.posix.Libc.O_CLOEXEC;
import static dev.holdfast.repository.posix.Libc.O_CREAT;
import static dev.holdfast.repository.posix.Libc.O_DIRECTORY;
import static dev.holdfast.repository.posix.Libc.O_EXCL;
import static dev.holdfast.repository.posix.Libc.O_NOATIME;
import static dev.holdfast.repository.posix.Libc.O_NOCTTY;
import static dev.holdfast.repository.posix.Libc.O_NOFOLLOW;
import static dev.holdfast.repository.posix.Libc.O_NONBLOCK;
import static dev.holdfast.repository.posix.Libc.O_RDONLY;
import static dev.holdfast.repository.posix.Libc.O_WRONLY;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * An open directory, and the calls on the names inside it. Each call is the {@code *at} form
 * relative to this descriptor and never follows a symbolic link at the name, so a tree can be
 * walked or rebuilt at any depth without a link redirecting it. Only the static {@link #open}
 * follows links. A name is one path component as raw bytes. An empty name, "." or "..", or a
 * name that contains '/' or NUL is rejected with IllegalArgumentException.
 *
 * <p>Methods may run on several threads at once, but {@link #close} must not overlap them.
 * Permission bits passed to the creating calls are reduced by the process umask, as in C.
 */
public final class DirHandle implements AutoCloseable {
    private static final int OPEN_DIR = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
    private static final int OPEN_READ =
            O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
    private static final int CREATE = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;

    private final Descriptor descriptor;
    private final Object listLock = new Object();

    private DirHandle(int fd, byte[] path) {
        this.descriptor = new Descriptor(fd, path);
    }

    /**
     * Opens the directory at an absolute path, following symbolic links on the way as the
     * kernel's path lookup does. A path longer than PATH_MAX is opened one component at a time.
     *
     * @throws UnsupportedOperationException when the platform is not Linux x86_64 with glibc
     */
    public static DirHandle open(byte[] absolutePath) throws PosixException {
        Platform.requireSupported();
        byte[] path = Names.requireAbsolute(absolutePath).clone();
        return new DirHandle(OpenPath.openDirectory(path), path);
    }

    /**
     * Returns the bytes available to unprivileged users on the file system that contains the path:
     * {@code f_bavail * f_frsize} from statvfs.
     */
    public static long freeBytes(byte[] absolutePath) throws PosixException {
        Platform.requireSupported();
        byte[] path = Names.requireAbsolute(absolutePath);
        return OpenPath.freeBytes(path);
    }

    /** Returns the path this handle was opened by: the absolute path, then the names below. */
    public byte[] path() {
        return descriptor.path().clone();
    }

    /** Opens a subdirectory; a symbolic link at the name fails with ELOOP or ENOTDIR. */
    public DirHandle openDir(byte[] name) throws PosixException {
        return new DirHandle(openAt("openat", name, OPEN_DIR, 0), pathOf(name));
    }

    /**
     * Lists all names except "." and ".." in the order the file system returns them. Each call
     * reads the directory from the start again.
     */
    public List<byte[]> list() throws PosixException {
        synchronized (listLock) {
            return DirectoryReader.readAll(descriptor.fd(), descriptor.path());
        }
    }

    /** Returns the metadata of the name itself, not of a link target (fstatat). */
    public FileStat stat(byte[] name) throws PosixException {
        try (NativeCall call = new NativeCall()) {
            MemorySegment stat = call.allocate(StatStruct.STAT);
            int result = Libc.fstatat(call.state(), descriptor.fd(), cName(call, name), stat,
                    Libc.AT_SYMLINK_NOFOLLOW);
            if (result < 0) {
                throw call.failure("fstatat", pathOf(name));
            }
            return StatStruct.read(stat);
        }
    }

    /** Returns the metadata of this directory (fstat). */
    public FileStat stat() throws PosixException {
        return descriptor.stat();
    }

    /**
     * Opens a file for reading. O_NOATIME keeps the access time unchanged, but only the owner or
     * root may use it, so the open is retried without it after EPERM. O_NONBLOCK keeps the open
     * from waiting for a writer on a FIFO. A symbolic link at the name fails with ELOOP.
     */
    public FileHandle openRead(byte[] name) throws PosixException {
        try (NativeCall call = new NativeCall()) {
            MemorySegment cName = cName(call, name);
            int fd = Libc.openat(call.state(), descriptor.fd(), cName, OPEN_READ | O_NOATIME, 0);
            if (fd < 0 && call.errno() == Errno.EPERM) {
                fd = Libc.openat(call.state(), descriptor.fd(), cName, OPEN_READ, 0);
            }
            if (fd < 0) {
                throw call.failure("openat", pathOf(name));
            }
            return new FileHandle(fd, pathOf(name));
        }
    }

    /** Returns the target of the symbolic link at the name, as raw bytes. */
    public byte[] readLink(byte[] name) throws PosixException {
        try (NativeCall call = new NativeCall()) {
            MemorySegment cName = cName(call, name);
            for (long capacity = 256; ; capacity *= 2) {
                MemorySegment buffer = call.allocate(capacity);
                long length = Libc.readlinkat(call.state(), descriptor.fd(), cName, buffer);
                if (length < 0) {
                    throw call.failure("readlinkat", pathOf(name));
                }
                if (length < capacity) {
                    return buffer.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE);
                }
            }
        }
    }

    /**
     * Returns the extended attributes of the name itself, sorted by name in unsigned byte order.
     * The list is empty when the file system does not support them (ENOTSUP). It needs /proc.
     */
    public List<Xattr> xattrs(byte[] name) throws PosixException {
        return Xattrs.list(descriptor.fd(), Names.requireName(name), pathOf(name));
    }

    /**
     * Sets one extended attribute on the name itself. Linux allows {@code user.*} attributes
     * only on regular files and directories, so other types fail with EPERM.
     */
    public void setXattr(byte[] name, byte[] attr, byte[] value) throws PosixException {
        Names.requireCText(attr, "extended attribute name");
        Xattrs.set(descriptor.fd(), Names.requireName(name), attr, value, pathOf(name));
    }

    /** Creates a subdirectory and opens it; fails with EEXIST when the name is taken. */
    public DirHandle mkdir(byte[] name, int mode) throws PosixException {
        try (NativeCall call = new NativeCall()) {
            if (Libc.mkdirat(call.state(), descriptor.fd(), cName(call, name), mode) < 0) {
                throw call.failure("mkdirat", pathOf(name));
            }
        }
        return openDir(name);
    }

    /**
     * Opens the subdirectory, creating it first when the name is free. A name taken by anything
     * other than a directory, a symbolic link included, fails with ENOTDIR or ELOOP.
     */
    public DirHandle openOrMkdir(byte[] name, int mode) throws PosixException {
        try (NativeCall call = new NativeCall()) {
            int result = Libc.mkdirat(call.state(), descriptor.fd(), cName(call, name), mode);
            if (result < 0 && call.errno() != Errno.EEXIST) {
                throw call.failure("mkdirat", pathOf(name));
            }
        }
        return openDir(name);
    }

    /** Creates a file for writing; fails with EEXIST when the name is taken, even by a link. */
    public FileHandle create(byte[] name, int mode) throws PosixException {
        return new FileHandle(openAt("openat", name, CREATE, mode), pathOf(name));
    }

    /** Creates a symbolic link at the name that points to the target bytes. */
    public void symlink(byte[] target, byte[] name) throws PosixException {
        Names.requireCText(target, "symbolic link target");
        try (NativeCall call = new NativeCall()) {
            int result = Libc.symlinkat(call.state(), call.cString(target), descriptor.fd(),
                    cName(call, name));
            if (result < 0) {
                throw call.failure("symlinkat", pathOf(name));
            }
        }
    }

    /** Creates a hard link at the name to the entry fromName of fromDir, link or not. */
    public void link(DirHandle fromDir, byte[] fromName, byte[] name) throws PosixException {
        try (NativeCall call = new NativeCall()) {
            int result = Libc.linkat(call.state(), fromDir.descriptor.fd(),
                    cName(call, fromName), descriptor.fd(), cName(call, name));
            if (result < 0) {
                throw call.failure("linkat", fromDir.pathOf(fromName), pathOf(name));
            }
        }
    }

    /**
     * Creates a device node, FIFO or socket node (mknodat).
     *
     * @param typeAndMode {@link FileType#modeBits()} of the type, or-ed with permission bits
     * @param device a device number as in {@link FileStat#rdev()}, 0 for FIFOs and sockets
     */
    public void mknod(byte[] name, int typeAndMode, long device) throws PosixException {
        try (NativeCall call = new NativeCall()) {
            int result = Libc.mknodat(call.state(), descriptor.fd(), cName(call, name),
                    typeAndMode, device);
            if (result < 0) {
                throw call.failure("mknodat", pathOf(name));
            }
        }
    }

    /** Creates a FIFO (named pipe). */
    public void mkfifo(byte[] name, int mode) throws PosixException {
        mknod(name, Libc.S_IFIFO | (mode & 07777), 0);
    }

    /** Renames an entry of this directory, replacing an entry at the target name (renameat). */
    public void rename(byte[] from, byte[] to) throws PosixException {
        try (NativeCall call = new NativeCall()) {
            int result = Libc.renameat(call.state(), descriptor.fd(), cName(call, from),
                    cName(call, to));
            if (result < 0) {
                throw call.failure("renameat", pathOf(from), pathOf(to));
            }
        }
    }

    /** Removes a name that is not a directory. */
    public void unlink(byte[] name) throws PosixException {
        unlinkAt(name, 0, "unlinkat");
    }

    /** Removes an empty directory. */
    public void rmdir(byte[] name) throws PosixException {
        unlinkAt(name, Libc.AT_REMOVEDIR, "unlinkat");
    }

    /** Sets owner and group of the name itself, links included; -1 leaves one unchanged. */
    public void chown(byte[] name, int uid, int gid) throws PosixException {
        try (NativeCall call = new NativeCall()) {
            if (Libc.fchownat(call.state(), descriptor.fd(), cName(call, name), uid, gid) < 0) {
                throw call.failure("fchownat", pathOf(name));
            }
        }
    }

    /**
     * Sets the permission bits of the name without following a link there. Linux links have no
     * mode of their own, so a symbolic link at the name fails with EOPNOTSUPP.
     */
    public void chmod(byte[] name, int mode) throws PosixException {
        try (NativeCall call = new NativeCall()) {
            if (Libc.fchmodat(call.state(), descriptor.fd(), cName(call, name), mode) < 0) {
                throw call.failure("fchmodat", pathOf(name));
            }
        }
    }

    /** Sets access and modification time of the name itself, symbolic links included. */
    public void setTimes(byte[] name, long atimeSec, int atimeNsec, long mtimeSec,
            int mtimeNsec) throws PosixException {
        try (NativeCall call = new NativeCall()) {
            MemorySegment times = StatStruct.times(call, atimeSec, atimeNsec, mtimeSec, mtimeNsec);
            if (Libc.utimensat(call.state(), descriptor.fd(), cName(call, name), times) < 0) {
                throw call.failure("utimensat", pathOf(name));
            }
        }
    }

    /** Sets the permission bits of this directory (fchmod). */
    public void chmod(int mode) throws PosixException {
        descriptor.chmod(mode);
    }

    /** Sets owner and group of this directory (fchown); -1 leaves one unchanged. */
    public void chown(int uid, int gid) throws PosixException {
        descriptor.chown(uid, gid);
    }

    /** Sets access and modification time of this directory (futimens). */
    public void setTimes(long atimeSec, int atimeNsec, long mtimeSec, int mtimeNsec)
            throws PosixException {
        descriptor.setTimes(atimeSec, atimeNsec, mtimeSec, mtimeNsec);
    }

    /** Flushes this directory's entries to disk, so created and renamed names survive a crash. */
    public void fsync() throws PosixException {
        descriptor.fsync();
    }

    /** Returns the bytes available to unprivileged users on this directory's file system. */
    public long freeBytes() throws PosixException {
        return descriptor.freeBytes();
    }

    /** Closes the descriptor; later calls do nothing. Errors are ignored for a directory. */
    @Override
    public void close() {
        try {
            descriptor.close();
        } catch (PosixException ignored) {
            // Only reads happen through a directory descriptor, so no data depends on close.
        }
    }

    byte[] pathOf(byte[] name) {
        return Names.join(descriptor.path(), name);
    }

    private int openAt(String function, byte[] name, int flags, int mode) throws PosixException {
        try (NativeCall call = new NativeCall()) {
            int fd = Libc.openat(call.state(), descriptor.fd(), cName(call, name), flags, mode);
            if (fd < 0) {
                throw call.failure(function, pathOf(name));
            }
            return fd;
        }
    }

    private void unlinkAt(byte[] name, int flags, String function) throws PosixException {
        try (NativeCall call = new NativeCall()) {
            if (Libc.unlinkat(call.state(), descriptor.fd(), cName(call, name), flags) < 0) {
                throw call.failure(function, pathOf(name));
            }
        }
    }

    private static MemorySegment cName(NativeCall call, byte[] name) {
        return call.cString(Names.requireName(name));
    }
}
