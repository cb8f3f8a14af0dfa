package dev.holdfast.repository.chunker;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Cuts the bytes of a {@link ByteSource} into chunks, in order, with memory bounded by one
 * buffer of {@code 2 * max} bytes plus the chunk being returned. The buffer grows only as far as
 * the chunks need. A chunk whose cut lies in the bytes read so far is returned without reading
 * max bytes ahead, so with the default sizes the buffer usually stays at a few MiB, not 16. The
 * chunks are the ones that {@link Chunker#cut} yields on the whole input as one array,
 * whatever sizes the source's reads return. Not thread-safe.
 */
public final class ChunkStream {
    /** First buffer size, so that a small file costs a small buffer; it doubles up to 2 * max. */
    static final int INITIAL_BUFFER = 64 << 10;

    private final Chunker chunker;
    private final ByteSource source;
    private final int max;
    private final int capacity;
    private byte[] buffer;
    private int start;
    private int end;
    private int chunkOffset;
    private boolean endOfInput;
    private long position;

    public ChunkStream(Chunker chunker, ByteSource source) {
        this(chunker, source, null);
    }

    /**
     * Creates a stream that starts with {@code buffer}, such as the {@link #buffer()} of a stream
     * that has ended, so that a reader of many files does not grow a new buffer for each; null
     * or an empty array starts with a small new one.
     */
    public ChunkStream(Chunker chunker, ByteSource source, byte[] buffer) {
        this.chunker = Objects.requireNonNull(chunker, "chunker");
        this.source = Objects.requireNonNull(source, "source");
        this.max = chunker.parameters().max();
        this.capacity = 2 * max;
        this.buffer = buffer != null && buffer.length > 0 && buffer.length <= capacity
                ? buffer : new byte[Math.min(INITIAL_BUFFER, capacity)];
    }

    /**
     * Reads as much of the source as the next chunk needs and returns that chunk.
     *
     * @return a new array holding the next chunk, or null when the source has ended
     * @throws IOException if the source fails or returns a count outside its contract
     */
    public byte[] next() throws IOException {
        int length = advance();
        return length < 0 ? null : Arrays.copyOfRange(buffer, chunkOffset, chunkOffset + length);
    }

    /**
     * Reads as much of the source as the next chunk needs and leaves that chunk in the buffer:
     * it is {@code buffer()[chunkOffset(), chunkOffset() + length)} until the next call. Unlike
     * {@link #next()}, it copies nothing, for callers that copy only the chunks they keep.
     *
     * @return the length of the next chunk, or -1 when the source has ended
     * @throws IOException if the source fails or returns a count outside its contract
     */
    public int advance() throws IOException {
        // Bytes looked at before reading more; doubled after each miss, so that a long chunk
        // is scanned about twice at most.
        int window = Math.min(2 * chunker.parameters().average(), max);
        while (true) {
            fill(window);
            int available = end - start;
            if (available == 0) {
                return -1;
            }
            int length = endOfInput || available >= max
                    ? chunker.cut(buffer, start, available, endOfInput)
                    : chunker.cutWithin(buffer, start, available);
            if (length > 0) {
                chunkOffset = start;
                start += length;
                position += length;
                return length;
            }
            window = Math.min(2 * window, max);
        }
    }

    /**
     * Returns the buffer that contains the chunk {@link #advance()} returned, which may be
     * another array after each call.
     */
    public byte[] buffer() {
        return buffer;
    }

    /** Returns the offset in {@link #buffer()} of the chunk that {@link #advance()} returned. */
    public int chunkOffset() {
        return chunkOffset;
    }

    /** Returns the size of the buffer now, for tests of the memory bound. */
    int bufferLength() {
        return buffer.length;
    }

    /** Returns the offset in the source of the next chunk: the bytes returned so far. */
    public long position() {
        return position;
    }

    /** Reads until the buffer contains at least {@code needed} bytes or the source has ended. */
    private void fill(int needed) throws IOException {
        while (!endOfInput && end - start < needed) {
            if (end == buffer.length) {
                makeRoom();
            }
            int requested = buffer.length - end;
            int count = source.read(buffer, end, requested);
            if (count < 0) {
                endOfInput = true;
            } else if (count == 0 || count > requested) {
                throw new IOException("Byte source returned " + count + " for a read of "
                        + requested + " bytes at offset " + (position + end - start)
                        + ": it must return 1 to " + requested + " bytes, or -1 at the end");
            } else {
                end += count;
            }
        }
    }

    /** Moves the unread bytes to the front of the buffer, or grows it when they fill it. */
    private void makeRoom() {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        } else {
            buffer = Arrays.copyOf(buffer, Math.min(2 * buffer.length, capacity));
        }
    }
}
