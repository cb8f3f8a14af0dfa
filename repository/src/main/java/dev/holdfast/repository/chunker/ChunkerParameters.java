package dev.holdfast.repository.chunker;

/**
 * Chunk size limits in bytes: no chunk is shorter than {@code min} (except the last of a
 * stream) or longer than {@code max}, and {@code average} sets the masks, so that chunk lengths
 * cluster just above it.
 *
 * <p>Valid parameters satisfy {@code 64 <= min < average < max <= 64 MiB} with {@code average} a
 * power of two. Two writers produce the same chunks only with the same parameters and seed.
 */
public record ChunkerParameters(int min, int average, int max) {
    /** Smallest valid {@code min}: the gear hash covers the 64 bytes ending at a candidate cut. */
    public static final int SMALLEST_MIN = 64;

    /** Largest valid {@code max}, 64 MiB: a stream buffers 2 * max bytes, at most 128 MiB. */
    public static final int LARGEST_MAX = 64 << 20;

    /**
     * 512 KiB / 1 MiB / 8 MiB. The expected mean chunk length on random data is 1.19 MiB, so a
     * terabyte of new data gives about 800,000 chunks (an estimate from that mean).
     */
    public static final ChunkerParameters DEFAULT =
            new ChunkerParameters(512 << 10, 1 << 20, 8 << 20);

    /**
     * Validates the sizes.
     *
     * @throws IllegalArgumentException naming the invalid size and the valid range
     */
    public ChunkerParameters {
        if (min < SMALLEST_MIN) {
            throw invalid("min size " + min + " is below " + SMALLEST_MIN
                    + ", the width of the gear hash window: set min to at least " + SMALLEST_MIN);
        }
        if (Integer.bitCount(average) != 1) {
            throw invalid("average size " + average + " is not a power of two: use "
                    + Integer.highestOneBit(Math.max(average, 1)) + " or the next power of two");
        }
        if (min >= average) {
            throw invalid("min size " + min + " is not below the average size " + average
                    + ": set min below average");
        }
        if (average >= max) {
            throw invalid("max size " + max + " is not above the average size " + average
                    + ": set max above average");
        }
        if (max > LARGEST_MAX) {
            throw invalid("max size " + max + " is above " + LARGEST_MAX
                    + " (64 MiB): set max to at most 64 MiB");
        }
    }

    /** Returns log2(average), the bit count that the cut masks are built around. */
    int averageBits() {
        return Integer.numberOfTrailingZeros(average);
    }

    private static IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException("Invalid chunker parameters: " + problem);
    }
}
