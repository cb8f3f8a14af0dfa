package dev.holdfast.repository.backup;

import dev.holdfast.repository.chunker.ChunkStream;
import dev.holdfast.repository.chunker.Chunker;
import dev.holdfast.repository.pack.BlobType;
import dev.holdfast.repository.posix.FileHandle;
import dev.holdfast.repository.posix.FileStat;
import dev.holdfast.repository.tree.ContentPart;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Reads one open regular file into content parts. It reads at most the size the file had when
 * opened, so a file that keeps growing cannot keep the backup busy forever. A file that changes
 * meanwhile is stored as read and flagged. Sparse files are read extent by extent and their
 * holes are recorded, not read.
 */
final class FileReader {
    /** The parts of a file, the bytes actually read, and whether it changed while being read. */
    record Result(List<ContentPart> parts, long size, boolean changed, FileStat stat) {
    }

    /**
     * Largest read buffer a file worker keeps from one file to the next. Buffers usually stay
     * at four times the average chunk, 4 MiB with the defaults. A file of long chunks grows its
     * buffer up to twice the maximum chunk, and that buffer is dropped after the file.
     */
    private static final int KEPT_BUFFER = 4 * 1024 * 1024;
    private static final int FIRST_BUFFER = 64 * 1024;

    private static final byte[] EMPTY = new byte[0];

    private final Chunker chunker;
    private final BlobSink sink;
    /** Each file worker's read buffer, reused from file to file. */
    private final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> EMPTY);

    FileReader(Chunker chunker, BlobSink sink) {
        this.chunker = chunker;
        this.sink = sink;
    }

    Result read(FileHandle file, LongConsumer progress) throws IOException, BackupFailedException {
        FileStat before = file.stat();
        List<ContentPart> parts = new ArrayList<>();
        long read;
        if (isSparse(before)) {
            read = readExtents(file, before.size(), parts, progress);
        } else {
            read = readRange(file, 0, before.size(), parts, progress);
        }
        FileStat after = file.stat();
        boolean changed = read != before.size() || after.size() != before.size()
                || after.mtimeSec() != before.mtimeSec() || after.mtimeNsec() != before.mtimeNsec()
                || after.ctimeSec() != before.ctimeSec() || after.ctimeNsec() != before.ctimeNsec();
        return new Result(parts, read, changed, before);
    }

    /** Returns true for a file with fewer allocated bytes than its size, whose holes are skipped. */
    private static boolean isSparse(FileStat stat) {
        return stat.size() > 0 && stat.blocks() * 512 < stat.size();
    }

    private long readExtents(FileHandle file, long size, List<ContentPart> parts, LongConsumer progress)
            throws IOException, BackupFailedException {
        long position = 0;
        long read = 0;
        while (position < size) {
            long data = file.seekData(position);
            if (data < 0 || data >= size) {
                parts.add(ContentPart.hole(size - position));
                return read + (size - position);
            }
            if (data > position) {
                parts.add(ContentPart.hole(data - position));
                read += data - position;
            }
            long hole = file.seekHole(data);
            long end = hole < 0 ? size : Math.min(hole, size);
            long got = readRange(file, data, end, parts, progress);
            read += got;
            if (got < end - data) {
                return read;
            }
            position = end;
        }
        return read;
    }

    /** Chunks bytes {@code [start, end)}; returns how many were read before the file ended. */
    private long readRange(FileHandle file, long start, long end, List<ContentPart> parts, LongConsumer progress)
            throws IOException, BackupFailedException {
        if (end - start <= chunker.parameters().min()) {
            return readWhole(file, start, (int) (end - start), parts, progress);
        }
        long[] position = {start};
        ChunkStream chunks = new ChunkStream(chunker, (buffer, offset, length) -> {
            int requested = (int) Math.min(length, end - position[0]);
            if (requested <= 0) {
                return -1;
            }
            int n = file.read(position[0], buffer, offset, requested);
            if (n > 0) {
                position[0] += n;
            }
            return n;
        }, takeBuffer());
        for (int length = chunks.advance(); length >= 0; length = chunks.advance()) {
            // A stopped backup interrupts its file workers; a large file would keep one busy.
            if (Thread.currentThread().isInterrupted()) {
                throw new BackupFailedException("reading stopped, because the backup stopped",
                        null);
            }
            parts.add(ContentPart.blob(sink.store(chunks.buffer(), chunks.chunkOffset(), length,
                    BlobType.DATA)));
            progress.accept(length);
        }
        keep(chunks.buffer());
        return position[0] - start;
    }

    /**
     * Returns this thread's buffer and clears the thread's reference until {@link #keep}. A
     * buffer that the chunker outgrows is then not kept alive beside the chunker's larger copy.
     */
    private byte[] takeBuffer() {
        byte[] buffer = buffers.get();
        buffers.set(EMPTY);
        return buffer;
    }

    /** Keeps {@code buffer} for this thread's next file, unless it grew too large to keep. */
    private void keep(byte[] buffer) {
        if (buffer.length <= KEPT_BUFFER) {
            buffers.set(buffer);
        }
    }

    /**
     * Reads a range no longer than the smallest chunk as one blob, since the chunker would not
     * cut it anyway. The chunker's buffer handling costs more than the read of a small file.
     */
    private long readWhole(FileHandle file, long start, int length, List<ContentPart> parts,
            LongConsumer progress) throws IOException, BackupFailedException {
        byte[] data = takeBuffer();
        if (data.length < length) {
            // Grown in one step to a size that most small files fit, not file by file.
            data = new byte[Math.max(length, FIRST_BUFFER)];
        }
        keep(data);
        int read = 0;
        while (read < length) {
            int n = file.read(start + read, data, read, length - read);
            if (n <= 0) {
                break;
            }
            read += n;
        }
        if (read > 0) {
            parts.add(ContentPart.blob(sink.store(data, 0, read, BlobType.DATA)));
            progress.accept(read);
        }
        return read;
    }
}
