package dev.holdfast.crypto;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The repository's 256-bit master key. It is stored only inside key slots, and it is the input
 * keying material from which the keyring's sealing key is derived.
 *
 * <p>Not thread-safe with respect to {@link #close()}: close it only when no other thread uses it.
 */
public final class MasterKey implements AutoCloseable {
    /** Length of a master key in bytes. */
    public static final int LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private boolean closed;

    private MasterKey(byte[] key) {
        this.key = key;
    }

    /**
     * Creates a new random master key. The default {@link SecureRandom} reads the operating
     * system's non-blocking source, unlike {@code SecureRandom.getInstanceStrong()}, which may
     * block for minutes on an idle server.
     */
    public static MasterKey generate() {
        return generate(RANDOM);
    }

    /** Creates a new master key from {@code random}; tests pass a seeded source for vectors. */
    public static MasterKey generate(SecureRandom random) {
        byte[] key = new byte[LENGTH];
        random.nextBytes(key);
        return new MasterKey(key);
    }

    /** Copies {@code key}, which must be {@link #LENGTH} bytes; the caller wipes its copy. */
    static MasterKey fromBytes(byte[] key) {
        if (key.length != LENGTH) {
            throw new IllegalArgumentException("master key is " + key.length
                    + " bytes, expected " + LENGTH);
        }
        return new MasterKey(key.clone());
    }

    /** Returns the key bytes themselves, not a copy: callers must not change or keep them. */
    byte[] bytes() {
        if (closed) {
            throw new IllegalStateException("master key is closed; open the key slot again");
        }
        return key;
    }

    /** Wipes the key bytes; the object is unusable afterwards. Closing twice does nothing. */
    @Override
    public void close() {
        Arrays.fill(key, (byte) 0);
        closed = true;
    }

    /** Describes the key without any of its bytes. */
    @Override
    public String toString() {
        return closed ? "MasterKey[closed]" : "MasterKey[256 bits]";
    }
}
