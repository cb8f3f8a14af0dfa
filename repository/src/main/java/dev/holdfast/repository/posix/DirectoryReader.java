package dev.holdfast.repository.posix;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads directory entries with getdents64, which hands out names as raw bytes. Records of
 * {@code struct linux_dirent64} are d_ino (8 bytes), d_off (8), d_reclen (2), d_type (1), then
 * the NUL-terminated name, each record padded to d_reclen.
 */
final class DirectoryReader {
    private static final long RECLEN_OFFSET = 16;
    private static final long NAME_OFFSET = 19;
    private static final long BUFFER_BYTES = 32 * 1024;

    private DirectoryReader() {
    }

    /**
     * Reads all names but "." and ".." from the start of the directory. It moves the shared file
     * offset of the descriptor, so callers must not run it concurrently on one descriptor.
     */
    static List<byte[]> readAll(int fd, byte[] path) throws PosixException {
        try (NativeCall call = new NativeCall()) {
            if (Libc.lseek(call.state(), fd, 0, Libc.SEEK_SET) < 0) {
                throw call.failure("lseek", path);
            }
            MemorySegment buffer = call.allocate(BUFFER_BYTES);
            List<byte[]> names = new ArrayList<>();
            while (true) {
                long filled = Libc.getdents64(call.state(), fd, buffer);
                if (filled < 0) {
                    throw call.failure("getdents64", path);
                }
                if (filled == 0) {
                    return names;
                }
                addNames(buffer, filled, names);
            }
        }
    }

    private static void addNames(MemorySegment buffer, long filled, List<byte[]> names) {
        long record = 0;
        while (record < filled) {
            int length = Short.toUnsignedInt(buffer.get(ValueLayout.JAVA_SHORT,
                    record + RECLEN_OFFSET));
            byte[] name = name(buffer.asSlice(record + NAME_OFFSET, length - NAME_OFFSET));
            if (!isDotOrDotDot(name)) {
                names.add(name);
            }
            record += length;
        }
    }

    private static byte[] name(MemorySegment field) {
        int length = 0;
        while (field.get(ValueLayout.JAVA_BYTE, length) != 0) {
            length++;
        }
        return field.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE);
    }

    private static boolean isDotOrDotDot(byte[] name) {
        return name.length == 1 && name[0] == '.'
                || name.length == 2 && name[0] == '.' && name[1] == '.';
    }
}
