package dev.holdfast.repository.posix;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Extended attributes of a name in a directory. Linux has no {@code *at} form of the xattr
 * calls before 6.13, so the path is built as {@code /proc/self/fd/<dirfd>/<name>}: the kernel
 * follows the descriptor's magic link to the directory, the path stays short however deep the
 * directory is, and the {@code l*} calls leave a symbolic link at the name unfollowed.
 */
final class Xattrs {
    private static final int MAX_RETRIES = 8;

    private Xattrs() {
    }

    /** Lists the attributes in unsigned byte order of their names; none when unsupported. */
    static List<Xattr> list(int dirFd, byte[] name, byte[] path) throws PosixException {
        try (NativeCall call = new NativeCall()) {
            MemorySegment procPath = call.cString(procPath(dirFd, name));
            List<Xattr> result = new ArrayList<>();
            for (byte[] attr : names(call, procPath, path)) {
                byte[] value = value(call, procPath, attr, path);
                if (value != null) {
                    result.add(new Xattr(attr, value));
                }
            }
            result.sort((a, b) -> Arrays.compareUnsigned(a.name(), b.name()));
            return result;
        }
    }

    static void set(int dirFd, byte[] name, byte[] attr, byte[] value, byte[] path)
            throws PosixException {
        try (NativeCall call = new NativeCall()) {
            MemorySegment procPath = call.cString(procPath(dirFd, name));
            MemorySegment data = call.allocate(Math.max(1, value.length))
                    .asSlice(0, value.length);
            MemorySegment.copy(value, 0, data, ValueLayout.JAVA_BYTE, 0, value.length);
            if (Libc.lsetxattr(call.state(), procPath, call.cString(attr), data) < 0) {
                throw call.failure("lsetxattr", path);
            }
        }
    }

    /** Returns the attribute names, or none when the file system does not support xattrs. */
    private static List<byte[]> names(NativeCall call, MemorySegment procPath, byte[] path)
            throws PosixException {
        for (int attempt = 0; attempt < MAX_RETRIES; attempt++) {
            long size = Libc.llistxattr(call.state(), procPath, MemorySegment.NULL);
            if (size < 0 && isUnsupported(call.errno())) {
                return List.of();
            }
            if (size < 0) {
                throw call.failure("llistxattr", path);
            }
            if (size == 0) {
                return List.of();
            }
            MemorySegment list = call.allocate(size);
            long filled = Libc.llistxattr(call.state(), procPath, list);
            if (filled >= 0) {
                return split(list.asSlice(0, filled).toArray(ValueLayout.JAVA_BYTE));
            }
            if (call.errno() != Errno.ERANGE) {
                throw call.failure("llistxattr", path);
            }
        }
        throw new PosixException("llistxattr", path, null, Errno.ERANGE);
    }

    /** Returns the value, or null when the attribute was removed after it was listed. */
    private static byte[] value(NativeCall call, MemorySegment procPath, byte[] attr,
            byte[] path) throws PosixException {
        MemorySegment attrName = call.cString(attr);
        for (int attempt = 0; attempt < MAX_RETRIES; attempt++) {
            long size = Libc.lgetxattr(call.state(), procPath, attrName, MemorySegment.NULL);
            if (size < 0 && call.errno() == Errno.ENODATA) {
                return null;
            }
            if (size < 0) {
                throw call.failure("lgetxattr", path);
            }
            MemorySegment value = call.allocate(Math.max(1, size));
            long filled = Libc.lgetxattr(call.state(), procPath, attrName, value.asSlice(0, size));
            if (filled >= 0) {
                return value.asSlice(0, filled).toArray(ValueLayout.JAVA_BYTE);
            }
            if (call.errno() == Errno.ENODATA) {
                return null;
            }
            if (call.errno() != Errno.ERANGE) {
                throw call.failure("lgetxattr", path);
            }
        }
        throw new PosixException("lgetxattr", path, null, Errno.ERANGE);
    }

    /** Splits the NUL-terminated names that llistxattr returns. */
    private static List<byte[]> split(byte[] list) {
        List<byte[]> names = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < list.length; i++) {
            if (list[i] == 0) {
                if (i > start) {
                    names.add(Arrays.copyOfRange(list, start, i));
                }
                start = i + 1;
            }
        }
        return names;
    }

    private static boolean isUnsupported(int errno) {
        return errno == Errno.EOPNOTSUPP || errno == Errno.ENODATA;
    }

    // NOTE: without /proc mounted every xattr call fails with ENOENT, which reads as a missing
    // name; Holdfast expects /proc on the Linux hosts it backs up and restores.
    private static byte[] procPath(int dirFd, byte[] name) {
        byte[] prefix = ("/proc/self/fd/" + dirFd).getBytes(StandardCharsets.US_ASCII);
        return Names.join(prefix, name);
    }
}
