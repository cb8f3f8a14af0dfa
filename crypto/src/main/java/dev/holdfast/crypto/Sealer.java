package dev.holdfast.crypto;

/**
 * Seals the parts of one object (a pack's blobs and header, or a whole index or snapshot) under
 * a subkey derived with HKDF from a keyring key and a fresh random 32-byte salt. The part number
 * is the nonce, so a sealer must never seal two parts with the same number. Not thread-safe.
 */
public final class Sealer {
    /** Starts a new object sealed under the current data epoch (index: the index key). */
    public static Sealer create(Keyring keyring, Purpose purpose) {
        throw new UnsupportedOperationException("stub");
    }

    /** Salt, epoch and purpose, to be stored in the object so that {@link Opener} can find the key. */
    public byte[] header() {
        throw new UnsupportedOperationException("stub");
    }

    /** Seals {@code plaintext} as part {@code part}; output is plaintext length + 16 bytes. */
    public byte[] seal(long part, byte[] additionalData, byte[] plaintext, int offset, int length) {
        throw new UnsupportedOperationException("stub");
    }

    /** Length of {@link #header()} in bytes, a constant of the format. */
    public static int headerLength() {
        throw new UnsupportedOperationException("stub");
    }

    /** Seals a whole object in one part: header followed by the sealed part 0. */
    public static byte[] sealObject(Keyring keyring, Purpose purpose, byte[] additionalData, byte[] plaintext) {
        throw new UnsupportedOperationException("stub");
    }
}
