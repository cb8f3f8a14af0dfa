package dev.holdfast.repository.posix;

import dev.holdfast.repository.PathNames;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An open file descriptor and the calls that act on the descriptor itself, shared by {@link
 * DirHandle} and {@link FileHandle}. Operations may run on several threads at once, but not
 * while another thread closes the descriptor, because the kernel may hand the number to the
 * next open.
 */
final class Descriptor {
    private final int fd;
    private final byte[] path;
    private final AtomicBoolean closed = new AtomicBoolean();

    Descriptor(int fd, byte[] path) {
        this.fd = fd;
        this.path = path;
    }

    /** Returns the descriptor number, or throws IllegalStateException once it is closed. */
    int fd() {
        if (closed.get()) {
            throw new IllegalStateException("handle of \"" + PathNames.display(path)
                    + "\" is closed; open the path again");
        }
        return fd;
    }

    /** The path the descriptor was opened by; callers must not modify it. */
    byte[] path() {
        return path;
    }

    FileStat stat() throws PosixException {
        try (NativeCall call = new NativeCall()) {
            MemorySegment stat = call.allocate(StatStruct.STAT);
            if (Libc.fstat(call.state(), fd(), stat) < 0) {
                throw call.failure("fstat", path);
            }
            return StatStruct.read(stat);
        }
    }

    void chmod(int mode) throws PosixException {
        try (NativeCall call = new NativeCall()) {
            if (Libc.fchmod(call.state(), fd(), mode) < 0) {
                throw call.failure("fchmod", path);
            }
        }
    }

    void chown(int uid, int gid) throws PosixException {
        try (NativeCall call = new NativeCall()) {
            if (Libc.fchown(call.state(), fd(), uid, gid) < 0) {
                throw call.failure("fchown", path);
            }
        }
    }

    void setTimes(long atimeSec, int atimeNsec, long mtimeSec, int mtimeNsec)
            throws PosixException {
        try (NativeCall call = new NativeCall()) {
            MemorySegment times = StatStruct.times(call, atimeSec, atimeNsec, mtimeSec, mtimeNsec);
            if (Libc.futimens(call.state(), fd(), times) < 0) {
                throw call.failure("futimens", path);
            }
        }
    }

    void fsync() throws PosixException {
        try (NativeCall call = new NativeCall()) {
            if (Libc.fsync(call.state(), fd()) < 0) {
                throw call.failure("fsync", path);
            }
        }
    }

    /** Returns the bytes available to unprivileged users on the descriptor's file system. */
    long freeBytes() throws PosixException {
        try (NativeCall call = new NativeCall()) {
            MemorySegment result = call.allocate(StatStruct.STATVFS);
            if (Libc.fstatvfs(call.state(), fd(), result) < 0) {
                throw call.failure("fstatvfs", path);
            }
            return StatStruct.availableBytes(result);
        }
    }

    /**
     * Closes the descriptor once; later calls do nothing. Linux releases the number even when
     * close fails, so a failure is reported but never retried.
     */
    void close() throws PosixException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try (NativeCall call = new NativeCall()) {
            if (Libc.close(call.state(), fd) < 0) {
                throw call.failure("close", path);
            }
        }
    }
}
