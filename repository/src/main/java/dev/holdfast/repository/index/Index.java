package dev.holdfast.repository.index;

import dev.holdfast.repository.pack.BlobId;
import dev.holdfast.repository.pack.BlobType;
import dev.holdfast.repository.pack.PackedBlob;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The in-memory index of every blob in the repository. Thread-safe.
 *
 * <p>Entries live in fixed-size segments of parallel primitive arrays (four longs of ID and four
 * ints of place per blob, 48 bytes) and an open-addressing table of entry numbers, kept at most
 * three quarters full (5 to 11 bytes per blob). A repository of 100 million blobs needs about
 * 6 GB with no per-blob objects. A blob stored in two packs is kept once, the first one added.
 */
public final class Index {
    private static final int SEGMENT_BITS = 16;
    private static final int SEGMENT = 1 << SEGMENT_BITS;
    private static final int TYPE_BIT = 1 << 31;

    private final List<long[]> idSegments = new ArrayList<>();
    private final List<int[]> placeSegments = new ArrayList<>();
    private final List<String> packNames = new ArrayList<>();
    private final List<byte[]> sealerHeaders = new ArrayList<>();
    private final Map<String, Integer> packNumbers = new HashMap<>();
    private int[] table = new int[1024];
    private int count;

    /** Adds every blob of a pack; blobs already present are left as they are. */
    public synchronized void addPack(IndexedPack pack) {
        int packNumber = packNumber(pack.name(), pack.sealerHeader());
        for (PackedBlob blob : pack.blobs()) {
            add(packNumber, blob);
        }
    }

    private int packNumber(String name, byte[] sealerHeader) {
        Integer existing = packNumbers.get(name);
        if (existing != null) {
            return existing;
        }
        packNames.add(name);
        sealerHeaders.add(sealerHeader.clone());
        packNumbers.put(name, packNames.size() - 1);
        return packNames.size() - 1;
    }

    private void add(int packNumber, PackedBlob blob) {
        if (find(blob.id()) >= 0) {
            return;
        }
        if ((count + 1) * 4L > table.length * 3L) {
            grow();
        }
        int entry = count++;
        if ((entry & (SEGMENT - 1)) == 0) {
            idSegments.add(new long[SEGMENT * 4]);
            placeSegments.add(new int[SEGMENT * 4]);
        }
        long[] ids = idSegments.get(entry >>> SEGMENT_BITS);
        int[] places = placeSegments.get(entry >>> SEGMENT_BITS);
        int slot = (entry & (SEGMENT - 1)) * 4;
        for (int w = 0; w < 4; w++) {
            ids[slot + w] = blob.id().word(w);
        }
        places[slot] = packNumber | (blob.type() == BlobType.TREE ? TYPE_BIT : 0);
        places[slot + 1] = blob.offset();
        places[slot + 2] = blob.sealedLength();
        places[slot + 3] = blob.plainLength();
        insert(entry, blob.id().word(0));
    }

    private void insert(int entry, long hash) {
        int mask = table.length - 1;
        int position = (int) (hash ^ (hash >>> 32)) & mask;
        while (table[position] != 0) {
            position = (position + 1) & mask;
        }
        table[position] = entry + 1;
    }

    private void grow() {
        table = new int[table.length * 2];
        for (int entry = 0; entry < count; entry++) {
            insert(entry, idSegments.get(entry >>> SEGMENT_BITS)[(entry & (SEGMENT - 1)) * 4]);
        }
    }

    /** Returns the entry number of {@code id}, or -1. */
    private int find(BlobId id) {
        long w0 = id.word(0);
        long w1 = id.word(1);
        long w2 = id.word(2);
        long w3 = id.word(3);
        int mask = table.length - 1;
        int position = (int) (w0 ^ (w0 >>> 32)) & mask;
        while (table[position] != 0) {
            int entry = table[position] - 1;
            long[] ids = idSegments.get(entry >>> SEGMENT_BITS);
            int slot = (entry & (SEGMENT - 1)) * 4;
            if (ids[slot] == w0 && ids[slot + 1] == w1 && ids[slot + 2] == w2 && ids[slot + 3] == w3) {
                return entry;
            }
            position = (position + 1) & mask;
        }
        return -1;
    }

    public synchronized boolean contains(BlobId id) {
        return find(id) >= 0;
    }

    /** Returns where {@code id} is stored, or null when no pack contains it. */
    public synchronized IndexEntry lookup(BlobId id) {
        int entry = find(id);
        return entry < 0 ? null : entryAt(entry, id);
    }

    private IndexEntry entryAt(int entry, BlobId id) {
        int[] places = placeSegments.get(entry >>> SEGMENT_BITS);
        int slot = (entry & (SEGMENT - 1)) * 4;
        int packNumber = places[slot] & ~TYPE_BIT;
        BlobType type = (places[slot] & TYPE_BIT) != 0 ? BlobType.TREE : BlobType.DATA;
        PackedBlob blob = new PackedBlob(type, id, places[slot + 1], places[slot + 2], places[slot + 3]);
        return new IndexEntry(packNames.get(packNumber), sealerHeaders.get(packNumber), blob);
    }

    /** Calls {@code sink} for every blob, in the order they were added. */
    public synchronized void forEach(Consumer<IndexEntry> sink) {
        byte[] idBytes = new byte[BlobId.LENGTH];
        for (int entry = 0; entry < count; entry++) {
            long[] ids = idSegments.get(entry >>> SEGMENT_BITS);
            int slot = (entry & (SEGMENT - 1)) * 4;
            for (int w = 0; w < 4; w++) {
                long word = ids[slot + w];
                for (int b = 0; b < 8; b++) {
                    idBytes[w * 8 + b] = (byte) (word >>> (56 - 8 * b));
                }
            }
            sink.accept(entryAt(entry, BlobId.of(idBytes)));
        }
    }

    public synchronized long blobCount() {
        return count;
    }

    public synchronized List<String> packs() {
        return List.copyOf(packNames);
    }

    public synchronized boolean hasPack(String name) {
        return packNumbers.containsKey(name);
    }

    /** Returns the bytes held by the per-blob arrays and the table, for measurements. */
    public synchronized long memoryBytes() {
        long segments = (long) idSegments.size() * SEGMENT * (8 * 4 + 4 * 4);
        return segments + table.length * 4L;
    }

    @Override
    public synchronized String toString() {
        return "Index[" + count + " blobs in " + packNames.size() + " packs]";
    }
}
