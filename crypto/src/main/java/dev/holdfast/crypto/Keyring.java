package dev.holdfast.crypto;

/**
 * The repository's working keys, sealed under the master key. Rotating the master key reseals
 * the keyring and rewrites the slots; adding a data epoch changes the key for new data only.
 */
public final class Keyring implements AutoCloseable {
    /** Creates a keyring with fresh random keys and data epoch 0. */
    public static Keyring generate() {
        throw new UnsupportedOperationException("stub");
    }

    /** Opens a keyring sealed by {@link #seal}. */
    public static Keyring open(MasterKey masterKey, byte[] sealed) throws AuthenticationFailedException {
        throw new UnsupportedOperationException("stub");
    }

    public byte[] seal(MasterKey masterKey) {
        throw new UnsupportedOperationException("stub");
    }

    /** The keyed hash that names plaintext content; one instance per thread is cheap to make. */
    public ContentIdFunction contentIds() {
        throw new UnsupportedOperationException("stub");
    }

    /** 32 secret bytes from which the chunker derives its gear table. */
    public byte[] chunkerSeed() {
        throw new UnsupportedOperationException("stub");
    }

    /** The key that new packs, trees and snapshots are sealed with. */
    public int currentEpoch() {
        throw new UnsupportedOperationException("stub");
    }

    /** Starts a new data epoch for new writes; older epochs stay for reading. */
    public Keyring withNewEpoch() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("stub");
    }
}
