package dev.holdfast.repository.posix;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/** Linux x86_64 errno values that callers test for, and their text. */
final class Errno {
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int ESRCH = 3;
    static final int EINTR = 4;
    static final int EIO = 5;
    static final int ENXIO = 6;
    static final int EBADF = 9;
    static final int EACCES = 13;
    static final int EEXIST = 17;
    static final int ENOTDIR = 20;
    static final int ENOSPC = 28;
    static final int ERANGE = 34;
    static final int ENAMETOOLONG = 36;
    static final int ENODATA = 61;
    static final int EOPNOTSUPP = 95;
    static final int EDQUOT = 122;

    private static final int TEXT_CAPACITY = 256;

    /** GNU variant: returns a pointer to the text, which is not always the buffer passed in. */
    private static final MethodHandle STRERROR_R = plain("strerror_r",
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                    ValueLayout.JAVA_LONG));
    /** glibc 2.32 and newer: the symbolic name such as "ENOENT", or NULL when unknown. */
    private static final MethodHandle STRERRORNAME_NP = plain("strerrorname_np",
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    private Errno() {
    }

    /** Describes an errno value as "No such file or directory (ENOENT)". */
    static String describe(int errno) {
        String name = symbolicName(errno);
        return text(errno) + " (" + (name == null ? "errno " + errno : name) + ")";
    }

    private static String text(int errno) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(TEXT_CAPACITY);
            MemorySegment text = (MemorySegment) STRERROR_R.invokeExact(errno, buffer,
                    (long) TEXT_CAPACITY);
            return text.reinterpret(TEXT_CAPACITY).getString(0);
        } catch (Throwable e) {
            throw Libc.unexpected(e);
        }
    }

    private static String symbolicName(int errno) {
        try {
            MemorySegment name = (MemorySegment) STRERRORNAME_NP.invokeExact(errno);
            return name.equals(MemorySegment.NULL) ? null : name.reinterpret(64).getString(0);
        } catch (Throwable e) {
            throw Libc.unexpected(e);
        }
    }

    private static MethodHandle plain(String function, FunctionDescriptor descriptor) {
        Linker linker = Linker.nativeLinker();
        return linker.downcallHandle(Libc.symbol(function), descriptor);
    }
}
