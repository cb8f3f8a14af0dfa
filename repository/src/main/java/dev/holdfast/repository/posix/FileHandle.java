package dev.holdfast.repository.posix;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * An open file, read or written by position (pread and pwrite), so one handle can serve several
 * threads at once. {@link #close} must not overlap other calls.
 */
public final class FileHandle implements AutoCloseable {
    /**
     * Native memory that pread and pwrite go through, one per thread and reused: allocating it
     * per call would zero a fresh block each time, which costs as much as the copy itself.
     */
    private static final int TRANSFER = 1 << 20;
    private static final ThreadLocal<MemorySegment> TRANSFER_BUFFER =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(TRANSFER));

    private final Descriptor descriptor;

    FileHandle(int fd, byte[] path) {
        this.descriptor = new Descriptor(fd, path);
    }

    /** Returns the path this file was opened by, for messages. */
    public byte[] path() {
        return descriptor.path().clone();
    }

    /**
     * Reads up to len bytes at the position into buf. It returns the count read, which may be
     * less than len, or -1 at the end of the file (when len is 0, it returns 0).
     */
    public int read(long position, byte[] buf, int off, int len) throws PosixException {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len == 0) {
            return 0;
        }
        try (NativeCall call = new NativeCall()) {
            MemorySegment buffer = TRANSFER_BUFFER.get().asSlice(0, Math.min(len, TRANSFER));
            long count;
            do {
                count = Libc.pread(call.state(), descriptor.fd(), buffer, position);
            } while (count < 0 && call.errno() == Errno.EINTR);
            if (count < 0) {
                throw call.failure("pread", descriptor.path());
            }
            MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, 0, buf, off, (int) count);
            return count == 0 ? -1 : (int) count;
        }
    }

    /** Writes all len bytes of buf at the position, calling pwrite until every byte is out. */
    public void write(long position, byte[] buf, int off, int len) throws PosixException {
        Objects.checkFromIndexSize(off, len, buf.length);
        try (NativeCall call = new NativeCall()) {
            MemorySegment buffer = TRANSFER_BUFFER.get();
            long written = 0;
            while (written < len) {
                int piece = (int) Math.min(len - written, TRANSFER);
                MemorySegment.copy(buf, off + (int) written, buffer, ValueLayout.JAVA_BYTE, 0, piece);
                long count = Libc.pwrite(call.state(), descriptor.fd(), buffer.asSlice(0, piece),
                        position + written);
                if (count < 0 && call.errno() != Errno.EINTR) {
                    throw call.failure("pwrite", descriptor.path());
                }
                if (count == 0) {
                    // Linux writes at least 1 byte of a non-empty buffer; stopping avoids a spin.
                    throw new PosixException("pwrite", descriptor.path(), null, Errno.EIO);
                }
                if (count > 0) {
                    written += count;
                }
            }
        }
    }

    /** Returns the metadata of the open file (fstat). */
    public FileStat stat() throws PosixException {
        return descriptor.stat();
    }

    /**
     * Returns the first offset at or after from that contains data (lseek SEEK_DATA), or -1 when
     * only a hole follows. File systems without hole support report the whole file as data.
     */
    public long seekData(long from) throws PosixException {
        return seek(from, Libc.SEEK_DATA);
    }

    /**
     * Returns the first offset at or after from that starts a hole (lseek SEEK_HOLE), or -1 when
     * from is at or past the end. The end of the file counts as a hole.
     */
    public long seekHole(long from) throws PosixException {
        return seek(from, Libc.SEEK_HOLE);
    }

    /** Sets the file's length; growing it leaves a hole. */
    public void truncate(long size) throws PosixException {
        try (NativeCall call = new NativeCall()) {
            if (Libc.ftruncate(call.state(), descriptor.fd(), size) < 0) {
                throw call.failure("ftruncate", descriptor.path());
            }
        }
    }

    /** Flushes content and metadata of the file to disk. */
    public void fsync() throws PosixException {
        descriptor.fsync();
    }

    /** Sets the permission bits (fchmod). */
    public void chmod(int mode) throws PosixException {
        descriptor.chmod(mode);
    }

    /** Sets owner and group (fchown); -1 leaves one unchanged. */
    public void chown(int uid, int gid) throws PosixException {
        descriptor.chown(uid, gid);
    }

    /** Sets access and modification time (futimens). */
    public void setTimes(long atimeSec, int atimeNsec, long mtimeSec, int mtimeNsec)
            throws PosixException {
        descriptor.setTimes(atimeSec, atimeNsec, mtimeSec, mtimeNsec);
    }

    /** Returns the bytes the file occupies on disk: st_blocks * 512. */
    public long allocatedBytes() throws PosixException {
        return descriptor.stat().allocatedBytes();
    }

    /**
     * Closes the file; later calls do nothing. A failure is thrown, because on some file
     * systems (NFS among them) close is where a failed earlier write is reported.
     */
    @Override
    public void close() throws PosixException {
        descriptor.close();
    }

    private long seek(long from, int whence) throws PosixException {
        try (NativeCall call = new NativeCall()) {
            long offset = Libc.lseek(call.state(), descriptor.fd(), from, whence);
            if (offset < 0 && call.errno() == Errno.ENXIO) {
                return -1;
            }
            if (offset < 0) {
                throw call.failure("lseek", descriptor.path());
            }
            return offset;
        }
    }
}
