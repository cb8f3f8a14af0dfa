package dev.holdfast.repository.index;

import dev.holdfast.repository.pack.BlobId;
import dev.holdfast.repository.pack.BlobType;
import dev.holdfast.repository.pack.PackedBlob;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The blobs of one pack as an index file lists them, immutable and held in two primitive arrays
 * (44 bytes per blob) rather than three objects per blob (about 100 bytes). Prune keeps every
 * index file's lists at once, so their size bounds the repositories it can prune in its heap.
 * {@link #get} makes a new {@link PackedBlob} on each call.
 */
final class PackedBlobs extends AbstractList<PackedBlob> implements RandomAccess {
    private static final int TREE = 1 << 31;

    private final byte[] ids;
    /** Per blob: offset with the type in its sign bit, sealed length, plain length. */
    private final int[] places;
    private int size;

    PackedBlobs(int capacity) {
        ids = new byte[capacity * BlobId.LENGTH];
        places = new int[capacity * 3];
    }

    /** Appends a blob; only the decoder calls it, before the list is handed out. */
    void add(BlobType type, byte[] id, int offset, int sealedLength, int plainLength) {
        System.arraycopy(id, 0, ids, size * BlobId.LENGTH, BlobId.LENGTH);
        // Offsets are never negative, so the sign bit is free to carry the type.
        places[size * 3] = offset | (type == BlobType.TREE ? TREE : 0);
        places[size * 3 + 1] = sealedLength;
        places[size * 3 + 2] = plainLength;
        size++;
    }

    @Override
    public PackedBlob get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("blob " + index + " of a pack of " + size);
        }
        int place = places[index * 3];
        BlobType type = (place & TREE) != 0 ? BlobType.TREE : BlobType.DATA;
        return new PackedBlob(type, BlobId.of(ids, index * BlobId.LENGTH), place & ~TREE,
                places[index * 3 + 1], places[index * 3 + 2]);
    }

    @Override
    public int size() {
        return size;
    }
}
