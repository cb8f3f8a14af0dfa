package dev.holdfast.repository.backup;

import java.util.ArrayDeque;

/**
 * Arrays for chunks on their way from a file to a pack, reused from chunk to chunk. With a new
 * array per chunk, a backup allocated as many bytes as it read. Chunks waiting for a blob worker
 * outlived young collections and filled the old generation, so a first backup of 3.4 GiB with
 * the launcher's 128 MiB heap spent about a tenth of its time in full collections. Pooled
 * arrays move into the old generation once and stay there.
 *
 * <p>Arrays come in power-of-two sizes from {@link #SMALLEST} bytes up, so a chunk takes at
 * most twice its length. The pool keeps at most {@code limit} bytes of arrays, in use and
 * free together; an array that does not fit is dropped instead of kept. The caller bounds the
 * bytes in use, by the blob sink's budget, so the pool exceeds its limit only briefly.
 * Thread-safe.
 */
final class ChunkPool {
    /** Smallest array handed out: below it, a new array costs less than the bookkeeping. */
    static final int SMALLEST = 4 * 1024;
    private static final int SMALLEST_SHIFT = Integer.numberOfTrailingZeros(SMALLEST);
    /** Classes up to 2^30 bytes, far above any chunk the parameters allow. */
    private static final int CLASSES = 31 - SMALLEST_SHIFT;

    private final long limit;
    private final ArrayDeque<byte[]>[] free;
    private long held;

    @SuppressWarnings("unchecked")
    ChunkPool(long limit) {
        this.limit = limit;
        this.free = new ArrayDeque[CLASSES];
        for (int i = 0; i < CLASSES; i++) {
            free[i] = new ArrayDeque<>();
        }
    }

    /** Returns the length of the array that a chunk of {@code length} bytes is given. */
    static int capacity(int length) {
        if (length <= SMALLEST) {
            return SMALLEST;
        }
        int capacity = Integer.highestOneBit(length - 1) << 1;
        if (capacity <= 0) {
            throw new IllegalArgumentException("a chunk of " + length + " bytes is too large");
        }
        return capacity;
    }

    /** Returns an array of {@link #capacity}({@code length}) bytes, reused or new. */
    byte[] take(int length) {
        int capacity = capacity(length);
        int slot = Integer.numberOfTrailingZeros(capacity) - SMALLEST_SHIFT;
        synchronized (this) {
            byte[] array = free[slot].pollLast();
            if (array != null) {
                return array;
            }
            // Room is made from free arrays of other sizes, largest first, so that a pool whose
            // chunks changed size does not keep the old sizes for good.
            for (int i = CLASSES - 1; i >= 0 && held + capacity > limit; i--) {
                while (held + capacity > limit && !free[i].isEmpty()) {
                    held -= free[i].pollLast().length;
                }
            }
        }
        // Counted once allocated, so that running out of heap here leaves the count right.
        byte[] array = new byte[capacity];
        synchronized (this) {
            held += capacity;
        }
        return array;
    }

    /** Takes back an array that {@link #take} returned; one that no longer fits is dropped. */
    void give(byte[] array) {
        int slot = Integer.numberOfTrailingZeros(array.length) - SMALLEST_SHIFT;
        synchronized (this) {
            if (held > limit) {
                held -= array.length;
                return;
            }
            free[slot].addLast(array);
        }
    }

    /** Bytes of arrays handed out or kept, for tests. */
    synchronized long held() {
        return held;
    }
}
