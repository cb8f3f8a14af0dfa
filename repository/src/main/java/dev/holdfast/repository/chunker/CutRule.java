package dev.holdfast.repository.chunker;

/**
 * Cut rule of the chunker: the sizes of its two masks and the chunk length at which it switches
 * from the harder mask S to the easier mask L. Both rules are normalized chunking. The
 * repository's config names the rule, so a repository keeps the boundaries it started with.
 *
 * <p>The rules differ in how soon chunking falls back into step after an insertion. The chunk
 * that covers the next old boundary usually starts elsewhere than before, so that boundary is
 * kept only if it also matches the mask at its new distance from the chunk start. A boundary
 * found with mask L matches mask S with probability 1/16 under {@link #WIDE} and 1/2 under
 * {@link #NARROW}. With the default sizes and a 1 MiB insertion into random data, 400 gear
 * tables each, the bytes stored beyond the inserted ones averaged 2.7 MiB under {@code WIDE}
 * and 1.6 MiB under {@code NARROW}; docs/format-chunking.md has the figures.
 */
public enum CutRule {
    /** Rule 1, format version 1: masks of log2(average) + 2 and - 2 bits, switching at average. */
    WIDE(1, 2, -2),

    /**
     * Rule 2: masks of log2(average) and log2(average) - 1 bits, switching halfway between min
     * and average.
     */
    NARROW(2, 0, -1);

    /** The rule that {@code init} writes into new repositories. */
    public static final CutRule CURRENT = NARROW;

    private final int code;
    private final int extraBitsS;
    private final int extraBitsL;

    CutRule(int code, int extraBitsS, int extraBitsL) {
        this.code = code;
        this.extraBitsS = extraBitsS;
        this.extraBitsL = extraBitsL;
    }

    /** Returns the number stored in the repository's config. */
    public int code() {
        return code;
    }

    /**
     * Returns the rule stored as {@code code}; {@code null}, from a config written before the
     * rule was recorded, means {@link #WIDE}.
     *
     * @throws IllegalArgumentException for a code this version does not know
     */
    public static CutRule fromCode(Integer code) {
        if (code == null) {
            return WIDE;
        }
        for (CutRule rule : values()) {
            if (rule.code == code) {
                return rule;
            }
        }
        throw new IllegalArgumentException("chunker cut rule " + code + " is newer than this Holdfast, "
                + "which supports rules 1 and 2: install a newer Holdfast to back up into this repository");
    }

    int bitsS(int averageBits) {
        return averageBits + extraBitsS;
    }

    int bitsL(int averageBits) {
        return averageBits + extraBitsL;
    }

    /** Returns the longest chunk length that is tested against mask S. */
    int switchLength(int min, int average) {
        return this == WIDE ? average : min + (average - min) / 2;
    }
}
