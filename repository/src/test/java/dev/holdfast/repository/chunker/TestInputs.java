package dev.holdfast.repository.chunker;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/** Inputs, seeds and helpers shared by the chunker tests. */
final class TestInputs {
    /** Parameters small enough that megabytes of input give thousands of chunks. */
    static final ChunkerParameters SMALL = new ChunkerParameters(4 << 10, 16 << 10, 64 << 10);

    private TestInputs() {
    }

    /** Returns the seed of the test vectors: the bytes 00, 01, ..., 1f. */
    static byte[] vectorSeed() {
        byte[] seed = new byte[GearTable.SEED_LENGTH];
        for (int i = 0; i < seed.length; i++) {
            seed[i] = (byte) i;
        }
        return seed;
    }

    static Chunker chunker(ChunkerParameters parameters, byte[] seed) {
        return new Chunker(parameters, GearTable.derive(seed));
    }

    /**
     * Returns the test vector input: SHA-256 of the ASCII label "holdfast chunker test input"
     * followed by the block number j as 4 big-endian bytes, for j = 0, 1, 2, ..., cut to length.
     */
    static byte[] vectorInput(int length) {
        MessageDigest sha256 = sha256();
        byte[] label = "holdfast chunker test input".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer output = ByteBuffer.allocate(length);
        for (int block = 0; output.hasRemaining(); block++) {
            sha256.update(label);
            byte[] digest = sha256.digest(ByteBuffer.allocate(4).putInt(block).array());
            output.put(digest, 0, Math.min(digest.length, output.remaining()));
        }
        return output.array();
    }

    static byte[] random(long seed, int length) {
        byte[] data = new byte[length];
        new SplittableRandom(seed).nextBytes(data);
        return data;
    }

    /** Cuts all of {@code data} with {@link Chunker#cut} and returns the chunk lengths. */
    static List<Integer> lengths(Chunker chunker, byte[] data) {
        List<Integer> lengths = new ArrayList<>();
        int max = chunker.parameters().max();
        for (int offset = 0; offset < data.length; ) {
            int remaining = data.length - offset;
            int length = chunker.cut(data, offset, remaining, remaining < max);
            lengths.add(length);
            offset += length;
        }
        return lengths;
    }

    /** Cuts all of {@code data} with {@link Chunker#cut} and returns copies of the chunks. */
    static List<byte[]> chunks(Chunker chunker, byte[] data) {
        List<byte[]> chunks = new ArrayList<>();
        int offset = 0;
        for (int length : lengths(chunker, data)) {
            chunks.add(Arrays.copyOfRange(data, offset, offset + length));
            offset += length;
        }
        return chunks;
    }

    static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(sha256().digest(data));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
        }
    }
}
