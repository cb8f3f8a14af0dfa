package dev.holdfast.repository.pack;

/**
 * Padmé padding (Nikitin et al., "Reducing Metadata Leakage from Encrypted Files and
 * Communication with PURBs", PETS 2019): a length L is rounded up so that only its top
 * O(log log L) bits remain free. The overhead is at most about 12% and an observer learns
 * only a coarse size class, so exact chunk lengths, which could reveal the chunker's key,
 * are hidden.
 */
public final class Padding {
    private Padding() {
    }

    /** Returns the padded length for {@code length} (at least 1). */
    public static long padme(long length) {
        if (length < 2) {
            return Math.max(length, 1);
        }
        int exponent = 63 - Long.numberOfLeadingZeros(length);
        int bitsOfExponent = 32 - Integer.numberOfLeadingZeros(exponent);
        int zeroBits = exponent - bitsOfExponent;
        long mask = (1L << zeroBits) - 1;
        return (length + mask) & ~mask;
    }
}
