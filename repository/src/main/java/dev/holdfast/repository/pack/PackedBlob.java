package dev.holdfast.repository.pack;

/**
 * Place and lengths of one blob in its pack.
 *
 * @param type data or tree
 * @param id content ID
 * @param offset first byte of the sealed blob in the pack, also its sealing part number
 * @param sealedLength bytes of the sealed blob, padding and tag included
 * @param plainLength bytes of plaintext
 */
public record PackedBlob(BlobType type, BlobId id, int offset, int sealedLength, int plainLength) {
}
