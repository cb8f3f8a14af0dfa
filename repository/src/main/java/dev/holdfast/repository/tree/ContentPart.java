package dev.holdfast.repository.tree;

import dev.holdfast.repository.pack.BlobId;

/**
 * One piece of a file's content: a data blob, or a hole of {@code holeLength} zero bytes that a
 * sparse file did not allocate and that the restore leaves unallocated.
 */
public record ContentPart(BlobId blob, long holeLength) {
    public static ContentPart blob(BlobId blob) {
        return new ContentPart(blob, 0);
    }

    public static ContentPart hole(long length) {
        return new ContentPart(null, length);
    }

    public boolean isHole() {
        return blob == null;
    }
}
