package dev.holdfast.repository.index;

import dev.holdfast.repository.pack.BlobId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A set of blob IDs without an object per member, laid out like {@link Index}: IDs in
 * fixed-size segments of longs (32 bytes per ID) and an open-addressing table of entry numbers
 * kept at most three quarters full (5 to 11 bytes per ID). A {@code HashSet<BlobId>} takes
 * about 120 bytes per ID. Not thread-safe.
 */
public final class BlobIdSet {
    private static final int SEGMENT_BITS = 14;
    private static final int SEGMENT = 1 << SEGMENT_BITS;

    private final List<long[]> segments = new ArrayList<>();
    private int[] table = new int[64];
    private int count;

    /** Adds {@code id}; returns false when it was already present. */
    public boolean add(BlobId id) {
        if (find(id) >= 0) {
            return false;
        }
        if ((count + 1) * 4L > table.length * 3L) {
            grow();
        }
        int entry = count++;
        if ((entry & (SEGMENT - 1)) == 0) {
            segments.add(new long[SEGMENT * 4]);
        }
        long[] words = segments.get(entry >>> SEGMENT_BITS);
        int slot = (entry & (SEGMENT - 1)) * 4;
        for (int w = 0; w < 4; w++) {
            words[slot + w] = id.word(w);
        }
        insert(entry, id.word(0));
        return true;
    }

    public boolean contains(BlobId id) {
        return find(id) >= 0;
    }

    public int size() {
        return count;
    }

    /** Calls {@code sink} for every ID, in the order they were added. */
    public void forEach(Consumer<BlobId> sink) {
        byte[] bytes = new byte[BlobId.LENGTH];
        for (int entry = 0; entry < count; entry++) {
            long[] words = segments.get(entry >>> SEGMENT_BITS);
            int slot = (entry & (SEGMENT - 1)) * 4;
            for (int w = 0; w < 4; w++) {
                for (int b = 0; b < 8; b++) {
                    bytes[w * 8 + b] = (byte) (words[slot + w] >>> (56 - 8 * b));
                }
            }
            sink.accept(BlobId.of(bytes));
        }
    }

    private int find(BlobId id) {
        long w0 = id.word(0);
        int mask = table.length - 1;
        int position = hash(w0) & mask;
        while (table[position] != 0) {
            int entry = table[position] - 1;
            long[] words = segments.get(entry >>> SEGMENT_BITS);
            int slot = (entry & (SEGMENT - 1)) * 4;
            if (words[slot] == w0 && words[slot + 1] == id.word(1)
                    && words[slot + 2] == id.word(2) && words[slot + 3] == id.word(3)) {
                return entry;
            }
            position = (position + 1) & mask;
        }
        return -1;
    }

    private void insert(int entry, long w0) {
        int mask = table.length - 1;
        int position = hash(w0) & mask;
        while (table[position] != 0) {
            position = (position + 1) & mask;
        }
        table[position] = entry + 1;
    }

    private void grow() {
        table = new int[table.length * 2];
        for (int entry = 0; entry < count; entry++) {
            insert(entry, segments.get(entry >>> SEGMENT_BITS)[(entry & (SEGMENT - 1)) * 4]);
        }
    }

    /** IDs are uniformly random, so their first word spreads well once its halves are mixed. */
    private static int hash(long w0) {
        return (int) (w0 ^ (w0 >>> 32));
    }
}
