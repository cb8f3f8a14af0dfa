package dev.holdfast.crypto;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;

/** Fixed inputs for tests and test vectors. */
final class TestBytes {
    private TestBytes() {
    }

    /** Returns {@code length} bytes counting up from {@code first}, wrapping at 0xff. */
    static byte[] sequence(int first, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (first + i);
        }
        return bytes;
    }

    /** Fixed time of the test vectors: 2026-01-01T00:00:00Z. */
    static final Instant VECTOR_TIME = Instant.parse("2026-01-01T00:00:00Z");

    /**
     * Returns the keyring of the test vectors: content-ID key 20..3f, chunker seed 40..5f,
     * index key 60..7f, and data epoch 0 with key 80..9f created at {@link #VECTOR_TIME}.
     */
    static Keyring vectorKeyring() {
        var epoch = new Keyring.EpochKey(0, VECTOR_TIME, sequence(0x80, 32));
        return new Keyring(sequence(0x20, 32), sequence(0x40, 32), sequence(0x60, 32),
                List.of(epoch));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static byte[] unhex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /**
     * A {@link SecureRandom} that returns the given arrays in order, one per call; each call
     * must ask for exactly the next array's length. It makes sealing and slots deterministic.
     */
    static final class ScriptedRandom extends SecureRandom {
        private final Deque<byte[]> outputs;

        ScriptedRandom(byte[]... outputs) {
            this.outputs = new ArrayDeque<>(List.of(outputs));
        }

        @Override
        public void nextBytes(byte[] bytes) {
            byte[] next = outputs.poll();
            if (next == null || next.length != bytes.length) {
                throw new IllegalStateException("scripted random has no " + bytes.length
                        + "-byte output left");
            }
            System.arraycopy(next, 0, bytes, 0, bytes.length);
        }
    }
}
