package dev.holdfast.crypto;

/**
 * Cost settings of Argon2id, stored in each passphrase slot so that a slot opens with the
 * settings it was created with.
 *
 * @param memoryKiB memory in KiB
 * @param iterations passes over the memory
 * @param parallelism lanes
 */
public record Argon2Parameters(int memoryKiB, int iterations, int parallelism) {
    /** RFC 9106's second recommended option: 64 MiB, 3 passes, 4 lanes. */
    public static final Argon2Parameters DEFAULT = new Argon2Parameters(64 * 1024, 3, 4);

    public Argon2Parameters {
        throw new UnsupportedOperationException("stub");
    }
}
