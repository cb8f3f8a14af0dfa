package dev.holdfast.repository.pack;

import dev.holdfast.repository.objects.ObjectStore;
import java.util.List;

/**
 * A pack ready for upload.
 *
 * @param bytes the whole pack in its first {@code length} bytes; more when it is a reused
 *     buffer
 * @param length the pack's size in bytes
 * @param sealerHeader the pack's first bytes, which readers need to open any of its blobs
 * @param blobs the blobs in pack order
 */
public record FinishedPack(byte[] bytes, int length, byte[] sealerHeader,
        List<PackedBlob> blobs) {
    /**
     * Computes the pack's object name, the hex SHA-256 of its bytes, anew on each call. A
     * backup calls it on the upload thread rather than while other threads wait to add blobs.
     */
    public String name() {
        return ObjectStore.nameOf(bytes, length);
    }
}
