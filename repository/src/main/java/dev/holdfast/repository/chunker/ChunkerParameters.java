package dev.holdfast.repository.chunker;

/**
 * Chunk size limits in bytes and the cut rule: no chunk is shorter than {@code min} (except the
 * last of a stream) or longer than {@code max}, and {@code average} sets the masks, so that chunk
 * lengths cluster around it.
 *
 * <p>Valid parameters satisfy {@code 64 <= min < average < max <= 64 MiB} with {@code average} a
 * power of two. Two writers produce the same chunks only with the same parameters and seed.
 */
public record ChunkerParameters(int min, int average, int max, CutRule rule) {
    /** Smallest valid {@code min}: the gear hash covers the 64 bytes ending at a candidate cut. */
    public static final int SMALLEST_MIN = 64;

    /** Largest valid {@code max}, 64 MiB: a stream buffers 2 * max bytes, at most 128 MiB. */
    public static final int LARGEST_MAX = 64 << 20;

    /**
     * 512 KiB / 1 MiB / 8 MiB with the current rule. The mean chunk length measured on random
     * data is about 1.1 MiB, so a terabyte of new data gives about 900,000 chunks.
     */
    public static final ChunkerParameters DEFAULT =
            new ChunkerParameters(512 << 10, 1 << 20, 8 << 20, CutRule.CURRENT);

    /** Sizes with rule 1, which repositories created before rule 2 existed use. */
    public ChunkerParameters(int min, int average, int max) {
        this(min, average, max, CutRule.WIDE);
    }

    /**
     * Validates the sizes.
     *
     * @throws IllegalArgumentException naming the invalid size and the valid range
     */
    public ChunkerParameters {
        java.util.Objects.requireNonNull(rule, "rule");
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
