package dev.holdfast.repository.chunker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class ChunkerProperties {
    /** Kinds of content: random bytes cut early, repetitive bytes reach max. */
    enum Content { RANDOM, ZEROS, SHORT_PATTERN, RANDOM_WITH_ZERO_RUNS }

    @Provide
    Arbitrary<ChunkerParameters> smallParameters() {
        return Arbitraries.integers().between(7, 12).flatMap(bits -> {
            int average = 1 << bits;
            Arbitrary<Integer> min = Arbitraries.integers().between(64, average - 1);
            Arbitrary<Integer> max = Arbitraries.integers().between(average + 1, 8 * average);
            return Combinators.combine(min, max, Arbitraries.of(CutRule.class))
                    .as((minimum, maximum, rule) -> new ChunkerParameters(minimum, average, maximum, rule));
        });
    }

    @Property(tries = 200)
    void cut_anyInput_matchesReferenceModel(
            @ForAll("smallParameters") ChunkerParameters parameters,
            @ForAll Content content, @ForAll long seed,
            @ForAll @IntRange(max = 100_000) int length) {
        byte[] input = input(content, seed, length);
        GearTable gear = GearTable.derive(TestInputs.random(seed, 32));

        List<Integer> lengths = TestInputs.lengths(new Chunker(parameters, gear), input);

        assertThat(lengths).isEqualTo(new ReferenceChunker(parameters, gear).lengths(input));
    }

    @Property(tries = 200)
    void cut_anyInput_chunksConcatenateToInputWithinLimits(
            @ForAll("smallParameters") ChunkerParameters parameters,
            @ForAll Content content, @ForAll long seed,
            @ForAll @IntRange(max = 300_000) int length) {
        byte[] input = input(content, seed, length);
        Chunker chunker = new Chunker(parameters, GearTable.derive(TestInputs.random(seed, 32)));

        List<byte[]> chunks = TestInputs.chunks(chunker, input);

        assertThat(concatenate(chunks)).isEqualTo(input);
        for (int i = 0; i < chunks.size(); i++) {
            int size = chunks.get(i).length;
            int lowest = i == chunks.size() - 1 ? 1 : parameters.min();
            assertThat(size).as("chunk %d of %d", i, chunks.size())
                    .isBetween(lowest, parameters.max());
        }
    }

    @Property(tries = 50)
    void cut_sameSeedTwice_sameChunks(@ForAll long seed) {
        byte[] input = TestInputs.random(seed, 1 << 20);
        byte[] chunkerSeed = TestInputs.random(~seed, 32);

        List<Integer> first = TestInputs.lengths(TestInputs.chunker(TestInputs.SMALL,
                chunkerSeed.clone()), input);
        List<Integer> second = TestInputs.lengths(TestInputs.chunker(TestInputs.SMALL,
                chunkerSeed.clone()), input);

        assertThat(second).isEqualTo(first);
    }

    @Property(tries = 50)
    void cut_differentSeed_differentBoundaries(@ForAll long seed) {
        byte[] input = TestInputs.random(seed, 1 << 20);
        byte[] chunkerSeed = TestInputs.random(~seed, 32);
        byte[] otherSeed = chunkerSeed.clone();
        otherSeed[0] ^= 1;

        List<Integer> first = TestInputs.lengths(TestInputs.chunker(TestInputs.SMALL,
                chunkerSeed), input);
        List<Integer> second = TestInputs.lengths(TestInputs.chunker(TestInputs.SMALL,
                otherSeed), input);

        Set<Integer> shared = boundaries(first);
        shared.retainAll(boundaries(second));
        assertThat(second).isNotEqualTo(first);
        assertThat(shared).hasSizeLessThan(first.size() / 10);
    }

    @Property(tries = 200)
    void cut_readsNoMoreThanMaxBytes(
            @ForAll("smallParameters") ChunkerParameters parameters,
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 10_000) int extra) {
        int max = parameters.max();
        byte[] input = TestInputs.random(seed, max + extra);
        byte[] altered = input.clone();
        new SplittableRandom(~seed).nextBytes(altered);
        System.arraycopy(input, 0, altered, 0, max);
        Chunker chunker = new Chunker(parameters, GearTable.derive(TestInputs.vectorSeed()));

        int cut = chunker.cut(input, 0, input.length, false);

        assertThat(chunker.cut(altered, 0, altered.length, false)).isEqualTo(cut);
        assertThat(chunker.cut(input, 0, max, false)).isEqualTo(cut);
        assertThat(chunker.cut(input, 0, input.length, true)).isEqualTo(cut);
    }

    @Property(tries = 300)
    void cutWithin_anyPrefix_agreesWithCutOnAllTheData(
            @ForAll("smallParameters") ChunkerParameters parameters,
            @ForAll Content content, @ForAll long seed, @ForAll @IntRange(min = 0, max = 1_000_000) int cent) {
        byte[] input = input(content, seed, parameters.max() + 100);
        int prefix = (int) ((long) cent * (parameters.max() - 1) / 1_000_000);
        Chunker chunker = new Chunker(parameters, GearTable.derive(TestInputs.random(seed, 32)));

        int whole = chunker.cut(input, 0, input.length, false);
        int within = chunker.cutWithin(input, 0, prefix);

        if (within > 0) {
            assertThat(within).isEqualTo(whole);
        } else {
            assertThat(within).isEqualTo(-1);
            assertThat(whole).as("a cut that lies in the prefix must be found").isGreaterThan(prefix);
        }
    }

    @Property(tries = 100)
    void cut_dataAtAnOffset_sameCut(
            @ForAll long seed, @ForAll @IntRange(max = 1000) int offset) {
        byte[] input = TestInputs.random(seed, TestInputs.SMALL.max());
        byte[] shifted = new byte[offset + input.length + 50];
        System.arraycopy(input, 0, shifted, offset, input.length);
        Chunker chunker = TestInputs.chunker(TestInputs.SMALL, TestInputs.vectorSeed());

        int cut = chunker.cut(input, 0, input.length, false);

        assertThat(chunker.cut(shifted, offset, input.length, false)).isEqualTo(cut);
    }

    static byte[] input(Content content, long seed, int length) {
        byte[] data = TestInputs.random(seed, length);
        switch (content) {
            case RANDOM -> { }
            case ZEROS -> Arrays.fill(data, (byte) 0);
            case SHORT_PATTERN -> {
                int period = 1 + (int) Math.floorMod(seed, 7L);
                for (int i = period; i < length; i++) {
                    data[i] = data[i - period];
                }
            }
            case RANDOM_WITH_ZERO_RUNS -> {
                SplittableRandom random = new SplittableRandom(seed);
                for (int i = 0; i < length; i += random.nextInt(1, 40_000)) {
                    int runEnd = Math.min(length, i + random.nextInt(1, 20_000));
                    Arrays.fill(data, i, runEnd, (byte) 0);
                }
            }
        }
        return data;
    }

    /** Returns the end offsets of the chunks, except the end of the input. */
    static Set<Integer> boundaries(List<Integer> lengths) {
        Set<Integer> boundaries = new HashSet<>();
        int offset = 0;
        for (int length : lengths.subList(0, lengths.size() - 1)) {
            offset += length;
            boundaries.add(offset);
        }
        return boundaries;
    }

    static byte[] concatenate(List<byte[]> chunks) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        chunks.forEach(output::writeBytes);
        return output.toByteArray();
    }
}
