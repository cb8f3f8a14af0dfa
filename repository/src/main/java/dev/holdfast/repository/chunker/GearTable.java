package dev.holdfast.repository.chunker;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256 secret 64-bit values of the gear hash, one per byte value, derived from the
 * repository's 32-byte chunker seed.
 *
 * <p>A keyed table makes boundaries differ between repositories, so that the chunk lengths of a
 * known file do not identify it in a repository whose seed the observer lacks. Derivation:
 * block {@code j} (0 to 63) is HMAC-SHA-256 keyed with the seed over the ASCII bytes of
 * {@value #LABEL} followed by {@code j} as a 4-byte big-endian integer, and its 32 bytes are the
 * big-endian values {@code 4j} to {@code 4j + 3}. HMAC is a PRF, so recovering the table from
 * chunk lengths does not reveal the seed.
 */
public final class GearTable {
    /** Length in bytes of the chunker seed. */
    public static final int SEED_LENGTH = 32;

    /** Domain separation label of the derivation; a new version of the table gets a new label. */
    static final String LABEL = "holdfast chunker gear table v1";

    private static final String HMAC = "HmacSHA256";
    private static final int VALUES_PER_BLOCK = 4;

    private final long[] values;

    private GearTable(long[] values) {
        this.values = values;
    }

    /**
     * Derives the table from a chunker seed. The seed is not retained.
     *
     * @throws IllegalArgumentException if the seed is not {@value #SEED_LENGTH} bytes long
     */
    public static GearTable derive(byte[] seed) {
        Objects.requireNonNull(seed, "seed");
        if (seed.length != SEED_LENGTH) {
            throw new IllegalArgumentException("Invalid chunker seed: it has " + seed.length
                    + " bytes, expected " + SEED_LENGTH
                    + "; pass the chunker seed of the keyring");
        }
        Mac mac = newMac(seed);
        byte[] label = LABEL.getBytes(StandardCharsets.US_ASCII);
        long[] values = new long[256];
        for (int block = 0; block < values.length / VALUES_PER_BLOCK; block++) {
            mac.update(label);
            mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(block).array());
            ByteBuffer output = ByteBuffer.wrap(mac.doFinal());
            for (int k = 0; k < VALUES_PER_BLOCK; k++) {
                values[block * VALUES_PER_BLOCK + k] = output.getLong();
            }
        }
        return new GearTable(values);
    }

    /** Returns the value for one byte value, 0 to 255. */
    long value(int byteValue) {
        return values[byteValue];
    }

    /** Returns a copy of all 256 values, indexed by unsigned byte value. */
    long[] values() {
        return values.clone();
    }

    private static Mac newMac(byte[] seed) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(seed, HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            // Every Java SE platform must provide HmacSHA256, so only a broken JDK gets here.
            throw new IllegalStateException("HmacSHA256 is unavailable in this JDK", e);
        }
    }
}
