package dev.holdfast.repository.posix;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/** Calls on absolute paths, which follow symbolic links like the kernel's path lookup. */
final class OpenPath {
    /** Linux's PATH_MAX, including the terminating NUL. */
    private static final int PATH_MAX = 4096;
    private static final int OPEN_DIR = Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_CLOEXEC;

    private OpenPath() {
    }

    /** Opens a directory, one component at a time when the path is too long for one call. */
    static int openDirectory(byte[] path) throws PosixException {
        if (path.length < PATH_MAX) {
            return openAt(Libc.AT_FDCWD, path, path);
        }
        int fd = openAt(Libc.AT_FDCWD, new byte[] {'/'}, new byte[] {'/'});
        int start = 1;
        while (start < path.length) {
            int end = indexOf(path, (byte) '/', start);
            if (end > start) {
                byte[] component = Arrays.copyOfRange(path, start, end);
                fd = openNext(fd, component, Arrays.copyOf(path, end));
            }
            start = end + 1;
        }
        return fd;
    }

    static long freeBytes(byte[] path) throws PosixException {
        try (NativeCall call = new NativeCall()) {
            MemorySegment result = call.allocate(StatStruct.STATVFS);
            if (Libc.statvfs(call.state(), call.cString(path), result) < 0) {
                throw call.failure("statvfs", path);
            }
            return StatStruct.availableBytes(result);
        }
    }

    /** Opens the component relative to the descriptor, then closes the descriptor. */
    private static int openNext(int dirFd, byte[] component, byte[] pathSoFar)
            throws PosixException {
        try {
            return openAt(dirFd, component, pathSoFar);
        } finally {
            try (NativeCall call = new NativeCall()) {
                Libc.close(call.state(), dirFd);
            }
        }
    }

    private static int openAt(int dirFd, byte[] name, byte[] pathForMessage)
            throws PosixException {
        try (NativeCall call = new NativeCall()) {
            int fd = Libc.openat(call.state(), dirFd, call.cString(name), OPEN_DIR, 0);
            if (fd < 0) {
                throw call.failure("openat", pathForMessage);
            }
            return fd;
        }
    }

    private static int indexOf(byte[] bytes, byte value, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return bytes.length;
    }
}
