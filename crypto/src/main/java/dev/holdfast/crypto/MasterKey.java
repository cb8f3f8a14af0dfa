package dev.holdfast.crypto;

/** The repository's 256-bit master key. It is stored only inside key slots. */
public final class MasterKey implements AutoCloseable {
    /** Creates a new random master key from a strong random source. */
    public static MasterKey generate() {
        throw new UnsupportedOperationException("stub");
    }

    /** Wipes the key bytes; the object is unusable afterwards. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("stub");
    }
}
