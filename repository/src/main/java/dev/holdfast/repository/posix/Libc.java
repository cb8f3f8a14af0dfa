package dev.holdfast.repository.posix;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Downcall handles for the glibc file functions of this package, with Linux x86_64 flag values.
 * Every handle captures errno, so each wrapper takes the capture segment of a {@link NativeCall}
 * as its first argument and returns the raw C result (-1 on failure).
 */
final class Libc {
    static final int AT_FDCWD = -100;
    static final int AT_SYMLINK_NOFOLLOW = 0x100;
    static final int AT_REMOVEDIR = 0x200;

    static final int O_RDONLY = 0;
    static final int O_WRONLY = 01;
    static final int O_CREAT = 0100;
    static final int O_EXCL = 0200;
    static final int O_NOCTTY = 0400;
    static final int O_NONBLOCK = 04000;
    static final int O_DIRECTORY = 0200000;
    static final int O_NOFOLLOW = 0400000;
    static final int O_NOATIME = 01000000;
    static final int O_CLOEXEC = 02000000;

    static final int SEEK_SET = 0;
    static final int SEEK_DATA = 3;
    static final int SEEK_HOLE = 4;

    static final int S_IFIFO = 0010000;

    static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CALL_STATE.varHandle(PathElement.groupElement("errno"));

    private static final MethodHandle OPENAT = bindVariadic("openat", 3,
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle CLOSE = bind("close", JAVA_INT, JAVA_INT);
    private static final MethodHandle FSTAT = bind("fstat", JAVA_INT, JAVA_INT, ADDRESS);
    private static final MethodHandle FSTATAT =
            bind("fstatat", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
    private static final MethodHandle GETDENTS64 =
            bind("getdents64", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG);
    private static final MethodHandle READLINKAT =
            bind("readlinkat", JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG);
    private static final MethodHandle MKDIRAT =
            bind("mkdirat", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle SYMLINKAT =
            bind("symlinkat", JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);
    private static final MethodHandle LINKAT =
            bind("linkat", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle MKNODAT =
            bind("mknodat", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG);
    private static final MethodHandle RENAMEAT =
            bind("renameat", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);
    private static final MethodHandle UNLINKAT =
            bind("unlinkat", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle FCHOWNAT =
            bind("fchownat", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle FCHMODAT =
            bind("fchmodat", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
    private static final MethodHandle UTIMENSAT =
            bind("utimensat", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
    private static final MethodHandle FUTIMENS = bind("futimens", JAVA_INT, JAVA_INT, ADDRESS);
    private static final MethodHandle FCHMOD = bind("fchmod", JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle FCHOWN =
            bind("fchown", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle FSYNC = bind("fsync", JAVA_INT, JAVA_INT);
    private static final MethodHandle PREAD =
            bind("pread", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle PWRITE =
            bind("pwrite", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle LSEEK =
            bind("lseek", JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT);
    private static final MethodHandle FTRUNCATE =
            bind("ftruncate", JAVA_INT, JAVA_INT, JAVA_LONG);
    private static final MethodHandle STATVFS = bind("statvfs", JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle FSTATVFS = bind("fstatvfs", JAVA_INT, JAVA_INT, ADDRESS);
    private static final MethodHandle LLISTXATTR =
            bind("llistxattr", JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG);
    private static final MethodHandle LGETXATTR =
            bind("lgetxattr", JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG);
    private static final MethodHandle LSETXATTR =
            bind("lsetxattr", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT);

    private Libc() {
    }

    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    static int openat(MemorySegment state, int dirFd, MemorySegment path, int flags, int mode) {
        try {
            return (int) OPENAT.invokeExact(state, dirFd, path, flags, mode);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int close(MemorySegment state, int fd) {
        try {
            return (int) CLOSE.invokeExact(state, fd);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int fstat(MemorySegment state, int fd, MemorySegment stat) {
        try {
            return (int) FSTAT.invokeExact(state, fd, stat);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int fstatat(MemorySegment state, int dirFd, MemorySegment name, MemorySegment stat,
            int flags) {
        try {
            return (int) FSTATAT.invokeExact(state, dirFd, name, stat, flags);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static long getdents64(MemorySegment state, int fd, MemorySegment buffer) {
        try {
            return (long) GETDENTS64.invokeExact(state, fd, buffer, buffer.byteSize());
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static long readlinkat(MemorySegment state, int dirFd, MemorySegment name,
            MemorySegment buffer) {
        try {
            return (long) READLINKAT.invokeExact(state, dirFd, name, buffer, buffer.byteSize());
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int mkdirat(MemorySegment state, int dirFd, MemorySegment name, int mode) {
        try {
            return (int) MKDIRAT.invokeExact(state, dirFd, name, mode);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int symlinkat(MemorySegment state, MemorySegment target, int dirFd,
            MemorySegment name) {
        try {
            return (int) SYMLINKAT.invokeExact(state, target, dirFd, name);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int linkat(MemorySegment state, int fromDirFd, MemorySegment fromName, int dirFd,
            MemorySegment name) {
        try {
            return (int) LINKAT.invokeExact(state, fromDirFd, fromName, dirFd, name, 0);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int mknodat(MemorySegment state, int dirFd, MemorySegment name, int mode, long dev) {
        try {
            return (int) MKNODAT.invokeExact(state, dirFd, name, mode, dev);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int renameat(MemorySegment state, int dirFd, MemorySegment from, MemorySegment to) {
        try {
            return (int) RENAMEAT.invokeExact(state, dirFd, from, dirFd, to);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int unlinkat(MemorySegment state, int dirFd, MemorySegment name, int flags) {
        try {
            return (int) UNLINKAT.invokeExact(state, dirFd, name, flags);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int fchownat(MemorySegment state, int dirFd, MemorySegment name, int uid, int gid) {
        try {
            return (int) FCHOWNAT.invokeExact(state, dirFd, name, uid, gid, AT_SYMLINK_NOFOLLOW);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int fchmodat(MemorySegment state, int dirFd, MemorySegment name, int mode) {
        try {
            return (int) FCHMODAT.invokeExact(state, dirFd, name, mode, AT_SYMLINK_NOFOLLOW);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int utimensat(MemorySegment state, int dirFd, MemorySegment name,
            MemorySegment times) {
        try {
            return (int) UTIMENSAT.invokeExact(state, dirFd, name, times, AT_SYMLINK_NOFOLLOW);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int futimens(MemorySegment state, int fd, MemorySegment times) {
        try {
            return (int) FUTIMENS.invokeExact(state, fd, times);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int fchmod(MemorySegment state, int fd, int mode) {
        try {
            return (int) FCHMOD.invokeExact(state, fd, mode);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int fchown(MemorySegment state, int fd, int uid, int gid) {
        try {
            return (int) FCHOWN.invokeExact(state, fd, uid, gid);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int fsync(MemorySegment state, int fd) {
        try {
            return (int) FSYNC.invokeExact(state, fd);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static long pread(MemorySegment state, int fd, MemorySegment buffer, long position) {
        try {
            return (long) PREAD.invokeExact(state, fd, buffer, buffer.byteSize(), position);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static long pwrite(MemorySegment state, int fd, MemorySegment buffer, long position) {
        try {
            return (long) PWRITE.invokeExact(state, fd, buffer, buffer.byteSize(), position);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static long lseek(MemorySegment state, int fd, long offset, int whence) {
        try {
            return (long) LSEEK.invokeExact(state, fd, offset, whence);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int ftruncate(MemorySegment state, int fd, long size) {
        try {
            return (int) FTRUNCATE.invokeExact(state, fd, size);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int statvfs(MemorySegment state, MemorySegment path, MemorySegment result) {
        try {
            return (int) STATVFS.invokeExact(state, path, result);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int fstatvfs(MemorySegment state, int fd, MemorySegment result) {
        try {
            return (int) FSTATVFS.invokeExact(state, fd, result);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static long llistxattr(MemorySegment state, MemorySegment path, MemorySegment list) {
        try {
            return (long) LLISTXATTR.invokeExact(state, path, list, list.byteSize());
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static long lgetxattr(MemorySegment state, MemorySegment path, MemorySegment name,
            MemorySegment value) {
        try {
            return (long) LGETXATTR.invokeExact(state, path, name, value, value.byteSize());
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int lsetxattr(MemorySegment state, MemorySegment path, MemorySegment name,
            MemorySegment value) {
        try {
            return (int) LSETXATTR.invokeExact(state, path, name, value, value.byteSize(), 0);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    /** Finds a glibc symbol, naming it when this C library lacks it. */
    static MemorySegment symbol(String function) {
        return Linker.nativeLinker().defaultLookup().find(function).orElseThrow(
                () -> new UnsupportedOperationException("the C library of this process has no "
                        + function + "; Holdfast needs glibc 2.33 or newer on Linux x86_64"));
    }

    /**
     * Rethrows an Error from a downcall, such as OutOfMemoryError, and returns any other
     * throwable as an unchecked exception for the caller to throw.
     */
    static RuntimeException unexpected(Throwable thrown) {
        if (thrown instanceof Error error) {
            throw error;
        }
        if (thrown instanceof RuntimeException runtime) {
            return runtime;
        }
        return new IllegalStateException("native call threw a checked exception", thrown);
    }

    private static MethodHandle bind(String function, MemoryLayout result, MemoryLayout... args) {
        return Linker.nativeLinker().downcallHandle(symbol(function),
                FunctionDescriptor.of(result, args), Linker.Option.captureCallState("errno"));
    }

    private static MethodHandle bindVariadic(String function, int firstVariadic,
            FunctionDescriptor descriptor) {
        return Linker.nativeLinker().downcallHandle(symbol(function), descriptor,
                Linker.Option.captureCallState("errno"),
                Linker.Option.firstVariadicArg(firstVariadic));
    }
}
