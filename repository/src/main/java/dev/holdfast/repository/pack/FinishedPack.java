package dev.holdfast.repository.pack;

import java.util.List;

/**
 * A pack ready for upload.
 *
 * @param name hex SHA-256 of {@code bytes}, the pack's object name
 * @param bytes the whole pack
 * @param sealerHeader the pack's first bytes, which readers need to open any of its blobs
 * @param blobs the blobs in pack order
 */
public record FinishedPack(String name, byte[] bytes, byte[] sealerHeader, List<PackedBlob> blobs) {
}
