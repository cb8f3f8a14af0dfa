package dev.holdfast.repository.posix;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * User and group names from the system's account databases (getpwuid_r and relatives, so NSS
 * sources such as LDAP count). Each instance caches every lookup result, found or not, for its
 * lifetime, so a backup run sees one consistent mapping. A new instance sees later changes.
 * Names are decoded as UTF-8.
 */
public final class Accounts {
    /** Both struct passwd and struct group start with the name pointer, with the id at 16. */
    private static final long NAME_OFFSET = 0;
    private static final long ID_OFFSET = 16;
    /** The size of struct passwd, which also fits struct group (32 bytes). */
    private static final long ENTRY_BYTES = 48;
    private static final long MAX_BUFFER_BYTES = 1 << 20;

    private static final MethodHandle GETPWUID_R = bind("getpwuid_r", JAVA_INT);
    private static final MethodHandle GETGRGID_R = bind("getgrgid_r", JAVA_INT);
    private static final MethodHandle GETPWNAM_R = bind("getpwnam_r", ADDRESS);
    private static final MethodHandle GETGRNAM_R = bind("getgrnam_r", ADDRESS);
    private static final MethodHandle GETEUID = Linker.nativeLinker()
            .downcallHandle(Libc.symbol("geteuid"), FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle GETEGID = Linker.nativeLinker()
            .downcallHandle(Libc.symbol("getegid"), FunctionDescriptor.of(JAVA_INT));

    private final Map<Integer, Optional<String>> userNames = new ConcurrentHashMap<>();
    private final Map<Integer, Optional<String>> groupNames = new ConcurrentHashMap<>();
    private final Map<String, OptionalInt> uids = new ConcurrentHashMap<>();
    private final Map<String, OptionalInt> gids = new ConcurrentHashMap<>();

    /** @throws UnsupportedOperationException when the platform is not Linux x86_64 with glibc */
    public Accounts() {
        Platform.requireSupported();
    }

    /**
     * Returns the name of the user, or null when no account has the uid.
     *
     * @throws UncheckedIOException when the account database fails, such as an unreachable LDAP
     */
    public String userName(int uid) {
        return userNames.computeIfAbsent(uid, id -> nameOf(GETPWUID_R, "getpwuid_r", id))
                .orElse(null);
    }

    /** Returns the name of the group, or null when no group has the gid; errors as userName. */
    public String groupName(int gid) {
        return groupNames.computeIfAbsent(gid, id -> nameOf(GETGRGID_R, "getgrgid_r", id))
                .orElse(null);
    }

    /** Returns the uid of the user name, or empty when no account has it; errors as userName. */
    public OptionalInt uidOf(String name) {
        return uids.computeIfAbsent(name, key -> idOf(GETPWNAM_R, "getpwnam_r", key));
    }

    /** Returns the gid of the group name, or empty when no group has it; errors as userName. */
    public OptionalInt gidOf(String name) {
        return gids.computeIfAbsent(name, key -> idOf(GETGRNAM_R, "getgrnam_r", key));
    }

    /** Returns whether the effective uid of this process is 0. */
    public static boolean isRoot() {
        return effectiveUid() == 0;
    }

    /** Returns the effective uid of this process. */
    public static int effectiveUid() {
        Platform.requireSupported();
        try {
            return (int) GETEUID.invokeExact();
        } catch (Throwable e) {
            throw Libc.unexpected(e);
        }
    }

    /** Returns the effective gid of this process. */
    public static int effectiveGid() {
        Platform.requireSupported();
        try {
            return (int) GETEGID.invokeExact();
        } catch (Throwable e) {
            throw Libc.unexpected(e);
        }
    }

    private static Optional<String> nameOf(MethodHandle function, String functionName, int id) {
        byte[] key = Integer.toUnsignedString(id).getBytes(StandardCharsets.US_ASCII);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment entry = lookUp(arena, key, functionName,
                    (struct, buffer, result) -> (int) function.invokeExact(id, struct, buffer,
                            buffer.byteSize(), result));
            if (entry == null) {
                return Optional.empty();
            }
            MemorySegment name = entry.get(ADDRESS, NAME_OFFSET);
            return Optional.of(name.reinterpret(Long.MAX_VALUE).getString(0));
        }
    }

    private static OptionalInt idOf(MethodHandle function, String functionName, String name) {
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            return OptionalInt.empty();
        }
        byte[] key = name.getBytes(StandardCharsets.UTF_8);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cName = arena.allocateFrom(name);
            MemorySegment entry = lookUp(arena, key, functionName,
                    (struct, buffer, result) -> (int) function.invokeExact(cName, struct, buffer,
                            buffer.byteSize(), result));
            if (entry == null) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(entry.get(JAVA_INT, ID_OFFSET));
        }
    }

    /**
     * Calls one {@code *_r} lookup, doubling the string buffer while it reports ERANGE. It
     * returns the filled struct, or null when the entry does not exist.
     */
    private static MemorySegment lookUp(Arena arena, byte[] key, String functionName,
            ReentrantLookup lookup) {
        MemorySegment entry = arena.allocate(ENTRY_BYTES);
        MemorySegment result = arena.allocate(ADDRESS);
        for (long size = 1024; ; size *= 2) {
            int error = call(lookup, entry, arena.allocate(size), result);
            if (error == Errno.ERANGE && size < MAX_BUFFER_BYTES) {
                continue;
            }
            if (error != 0 && !meansNotFound(error)) {
                throw new UncheckedIOException(
                        new PosixException(functionName, key, null, error));
            }
            boolean found = error == 0 && !result.get(ADDRESS, 0).equals(MemorySegment.NULL);
            return found ? entry : null;
        }
    }

    /** Returns whether getpwnam_r(3) lists the error as "the given name or uid was not found". */
    private static boolean meansNotFound(int error) {
        return error == Errno.ENOENT || error == Errno.ESRCH || error == Errno.EBADF
                || error == Errno.EPERM;
    }

    private static int call(ReentrantLookup lookup, MemorySegment entry, MemorySegment buffer,
            MemorySegment result) {
        try {
            return lookup.call(entry, buffer, result);
        } catch (Throwable e) {
            throw Libc.unexpected(e);
        }
    }

    /** Binds {@code int f(key, struct *, char *buf, size_t buflen, struct **result)}. */
    private static MethodHandle bind(String function, MemoryLayout key) {
        return Linker.nativeLinker().downcallHandle(Libc.symbol(function),
                FunctionDescriptor.of(JAVA_INT, key, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
    }

    @FunctionalInterface
    private interface ReentrantLookup {
        int call(MemorySegment entry, MemorySegment buffer, MemorySegment result)
                throws Throwable;
    }
}
