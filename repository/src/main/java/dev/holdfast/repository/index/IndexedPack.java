package dev.holdfast.repository.index;

import dev.holdfast.repository.pack.PackedBlob;
import java.util.List;

/**
 * One pack as described by an index file.
 *
 * @param name hex name of the pack
 * @param sealerHeader the pack's first bytes
 * @param blobs its blobs in pack order
 */
public record IndexedPack(String name, byte[] sealerHeader, List<PackedBlob> blobs) {
}
