package dev.holdfast.repository.posix;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Check that this JVM runs where the struct layouts and flag values of this package are valid.
 * It is done before {@link Libc} loads, so an unsupported platform gets a clear message instead
 * of a failed class initialization.
 */
final class Platform {
    /** The oldest glibc that exports {@code fstatat} and {@code fstat} as plain symbols. */
    private static final int MIN_GLIBC_MINOR = 33;
    private static final String PROBLEM = findProblem();

    private Platform() {
    }

    /** Throws {@link UnsupportedOperationException} naming the platform unless it is supported. */
    static void requireSupported() {
        if (PROBLEM != null) {
            throw new UnsupportedOperationException(PROBLEM);
        }
    }

    private static String findProblem() {
        String os = System.getProperty("os.name");
        String arch = System.getProperty("os.arch");
        if (!"Linux".equals(os) || !"amd64".equals(arch)) {
            return "Holdfast reads and writes file trees only on Linux x86_64 with glibc, but this"
                    + " JVM runs on " + os + " " + arch;
        }
        Optional<String> version = glibcVersion();
        if (version.isEmpty()) {
            return "Holdfast needs glibc on Linux x86_64, but the C library of this process is"
                    + " not glibc (gnu_get_libc_version is missing); run it on a glibc"
                    + " distribution such as Debian, Ubuntu or RHEL";
        }
        if (!isAtLeast(version.get(), MIN_GLIBC_MINOR)) {
            return "Holdfast needs glibc 2." + MIN_GLIBC_MINOR + " or newer, but this system has"
                    + " glibc " + version.get();
        }
        return null;
    }

    private static Optional<String> glibcVersion() {
        Linker linker = Linker.nativeLinker();
        Optional<MemorySegment> symbol = linker.defaultLookup().find("gnu_get_libc_version");
        if (symbol.isEmpty()) {
            return Optional.empty();
        }
        MethodHandle handle = linker.downcallHandle(symbol.get(),
                FunctionDescriptor.of(ValueLayout.ADDRESS));
        try {
            MemorySegment text = (MemorySegment) handle.invokeExact();
            return Optional.of(text.reinterpret(64).getString(0));
        } catch (Throwable e) {
            throw new IllegalStateException("calling gnu_get_libc_version failed", e);
        }
    }

    /** Compares a version such as "2.36" with 2.minor. */
    static boolean isAtLeast(String version, int minor) {
        String[] parts = version.split("\\.");
        try {
            int major = Integer.parseInt(parts[0]);
            int actualMinor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return major > 2 || major == 2 && actualMinor >= minor;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
