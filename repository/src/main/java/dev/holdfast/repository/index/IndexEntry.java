package dev.holdfast.repository.index;

import dev.holdfast.repository.pack.PackedBlob;

/**
 * A blob and the pack it lives in.
 *
 * @param packName hex name of the pack
 * @param sealerHeader the pack's first bytes, needed to open its blobs
 * @param blob place and lengths of the blob inside the pack
 */
public record IndexEntry(String packName, byte[] sealerHeader, PackedBlob blob) {
}
