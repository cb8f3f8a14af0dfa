package dev.holdfast.repository;

import dev.holdfast.crypto.Keyring;
import dev.holdfast.crypto.Purpose;
import dev.holdfast.crypto.Sealer;
import java.security.SecureRandom;
import java.util.Random;

/**
 * What the fuzz tests of this module share: a keyring whose keys are the same in every run, so
 * that committed seed objects stay openable, and sealing of fuzzed plaintext under it.
 */
public final class FuzzSupport {
    /** Upper bound of one fuzzing run of one target; fuzz/run.sh passes a shorter one. */
    public static final String MAX_DURATION = "8h";

    /** The keyring that sealed the seed objects; its keys derive from a fixed seed. */
    public static final Keyring KEYRING = Keyring.generate(new FixedRandom(0x5eed));

    private FuzzSupport() {
    }

    /** Seals {@code plaintext} as a whole object of {@code purpose} under {@link #KEYRING}. */
    public static byte[] seal(Purpose purpose, byte[] additionalData, byte[] plaintext) {
        return Sealer.sealObject(KEYRING, purpose, additionalData, plaintext);
    }

    /** A SecureRandom that repeats the same bytes for the same seed; for test keys only. */
    private static final class FixedRandom extends SecureRandom {
        private final Random random;

        FixedRandom(long seed) {
            this.random = new Random(seed);
        }

        @Override
        public void nextBytes(byte[] bytes) {
            random.nextBytes(bytes);
        }
    }
}
