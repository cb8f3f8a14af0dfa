package dev.holdfast.repository.posix;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Native memory for one call: a confined arena that contains the errno capture segment, C
 * strings and result buffers, all freed by {@link #close}.
 */
final class NativeCall implements AutoCloseable {
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment state = arena.allocate(Libc.CALL_STATE);

    MemorySegment state() {
        return state;
    }

    /** Copies bytes into native memory with a NUL terminator; callers reject NUL inside. */
    MemorySegment cString(byte[] bytes) {
        MemorySegment text = arena.allocate(bytes.length + 1L);
        MemorySegment.copy(bytes, 0, text, ValueLayout.JAVA_BYTE, 0, bytes.length);
        return text;
    }

    MemorySegment allocate(long bytes) {
        return arena.allocate(bytes);
    }

    MemorySegment allocate(MemoryLayout layout) {
        return arena.allocate(layout);
    }

    int errno() {
        return Libc.errno(state);
    }

    /** Builds the exception for the call that just failed, from the captured errno. */
    PosixException failure(String function, byte[] path) {
        return new PosixException(function, path, null, errno());
    }

    PosixException failure(String function, byte[] path, byte[] otherPath) {
        return new PosixException(function, path, otherPath, errno());
    }

    @Override
    public void close() {
        arena.close();
    }
}
