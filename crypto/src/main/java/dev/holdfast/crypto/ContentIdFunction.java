package dev.holdfast.crypto;

/** HMAC-SHA-256 of plaintext under the repository's content-ID key. Not thread-safe. */
public final class ContentIdFunction {
    /** Returns the 32-byte content ID of {@code data[offset, offset + length)}. */
    public byte[] compute(byte[] data, int offset, int length) {
        throw new UnsupportedOperationException("stub");
    }
}
