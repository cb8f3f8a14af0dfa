package dev.holdfast.repository.chunker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChunkerTest {
    private static final ChunkerParameters VECTOR_SMALL = new ChunkerParameters(1024, 4096, 16384);
    private static final int MIN = TestInputs.SMALL.min();
    private static final int AVERAGE = TestInputs.SMALL.average();
    private static final int MAX = TestInputs.SMALL.max();

    private final Chunker small = TestInputs.chunker(TestInputs.SMALL, TestInputs.vectorSeed());

    @Test
    void cut_vectorInput64KiB_matchesSpecificationVector() {
        Chunker chunker = TestInputs.chunker(VECTOR_SMALL, TestInputs.vectorSeed());
        byte[] input = TestInputs.vectorInput(64 << 10);

        assertThat(TestInputs.sha256Hex(input))
                .isEqualTo("0b03f4f450bb31cbc46ffd44639c1844b8e9b695f9daee5cb108ce99668346be");
        assertThat(TestInputs.lengths(chunker, input)).containsExactly(
                2631, 4600, 6050, 4467, 2348, 4129, 4650, 6762,
                4684, 4992, 1208, 5878, 5629, 1539, 4152, 1817);
    }

    @Test
    void cut_vectorInput64KiBRule2_matchesSpecificationVector() {
        Chunker chunker = TestInputs.chunker(new ChunkerParameters(1024, 4096, 16384, CutRule.NARROW),
                TestInputs.vectorSeed());

        assertThat(TestInputs.lengths(chunker, TestInputs.vectorInput(64 << 10))).containsExactly(
                1198, 1433, 4600, 3917, 6600, 2348, 4083, 4696, 6762,
                8140, 1867, 3677, 1212, 7495, 1539, 4528, 1441);
    }

    @Test
    void cut_vectorInput16MiBDefaults_matchesSpecificationVector() {
        Chunker chunker = TestInputs.chunker(ChunkerParameters.DEFAULT, TestInputs.vectorSeed());

        assertThat(ChunkerParameters.DEFAULT.rule()).isEqualTo(CutRule.NARROW);
        assertThat(TestInputs.lengths(chunker, TestInputs.vectorInput(16 << 20))).containsExactly(
                1737753, 1653902, 769225, 1208876, 1154114, 966833, 795555, 856453,
                841492, 941332, 561769, 1483687, 1233201, 755643, 1470739, 346642);
    }

    @Test
    void cut_vectorInput16MiBRule1_matchesSpecificationVector() {
        Chunker chunker = TestInputs.chunker(new ChunkerParameters(512 << 10, 1 << 20, 8 << 20),
                TestInputs.vectorSeed());
        byte[] input = TestInputs.vectorInput(16 << 20);

        assertThat(TestInputs.sha256Hex(input))
                .isEqualTo("134c2196abc8386e463c9c6fc041ff9906982429290123c2cef94101aa23b1db");
        assertThat(TestInputs.lengths(chunker, input)).containsExactly(
                1504584, 1887071, 1221939, 1910276, 966833, 1262455, 1209113,
                1361886, 1207265, 654107, 1151013, 1209326, 1231348);
    }

    static Stream<Arguments> zeroInputs() {
        return Stream.of(
                Arguments.of("empty", 0, List.of()),
                Arguments.of("one byte", 1, List.of(1)),
                Arguments.of("min - 1", MIN - 1, List.of(MIN - 1)),
                Arguments.of("min", MIN, List.of(MIN)),
                Arguments.of("average", AVERAGE, List.of(AVERAGE)),
                Arguments.of("max", MAX, List.of(MAX)),
                Arguments.of("max + 1", MAX + 1, List.of(MAX, 1)),
                Arguments.of("3 max + 5", 3 * MAX + 5, List.of(MAX, MAX, MAX, 5)));
    }

    /**
     * With the vector seed, -gear[0] = 0xa63ddf277a96e119 has its top bit set, so a run of zeros
     * never matches a mask and every chunk but the last is cut at max.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("zeroInputs")
    void cut_allZeroInput_cutsAtMax(String description, int length, List<Integer> expected) {
        assertThat(TestInputs.lengths(small, new byte[length])).isEqualTo(expected);
    }

    @Test
    void cut_allZeroInputDefaults_cutsAtMax() {
        Chunker chunker = TestInputs.chunker(ChunkerParameters.DEFAULT, TestInputs.vectorSeed());
        int max = ChunkerParameters.DEFAULT.max();

        List<Integer> lengths = TestInputs.lengths(chunker, new byte[2 * max + 7]);

        assertThat(lengths).containsExactly(max, max, 7);
    }

    static Stream<Arguments> randomInputLengths() {
        return Stream.of(
                Arguments.of("min", MIN),
                Arguments.of("min + 1", MIN + 1),
                Arguments.of("average", AVERAGE),
                Arguments.of("max", MAX),
                Arguments.of("max + 1", MAX + 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("randomInputLengths")
    void cut_randomInputOfEdgeLength_matchesReference(String description, int length) {
        ReferenceChunker reference = new ReferenceChunker(
                TestInputs.SMALL, GearTable.derive(TestInputs.vectorSeed()));
        for (long seed = 0; seed < 20; seed++) {
            byte[] input = TestInputs.random(seed, length);

            List<Integer> lengths = TestInputs.lengths(small, input);

            assertThat(lengths).as("seed %d", seed).isEqualTo(reference.lengths(input));
            assertThat(lengths.stream().mapToInt(Integer::intValue).sum()).isEqualTo(length);
            assertThat(lengths.subList(0, lengths.size() - 1)).allSatisfy(
                    chunk -> assertThat(chunk).isBetween(MIN, MAX));
        }
    }

    @Test
    void cut_inputOfMinBytes_isOneChunk() {
        assertThat(small.cut(TestInputs.random(1, MIN), 0, MIN, true)).isEqualTo(MIN);
    }

    @Test
    void cut_emptyInputAtEnd_returnsZero() {
        assertThat(small.cut(new byte[0], 0, 0, true)).isZero();
    }

    @Test
    void cut_shortInputBeforeEnd_rejected() {
        byte[] data = new byte[MAX];

        assertThatIllegalArgumentException()
                .isThrownBy(() -> small.cut(data, 1, MAX - 1, false))
                .withMessage("Chunker needs at least max = 65536 bytes before the end of input,"
                        + " got 65535: read more data or pass endOfInput = true");
    }

    @Test
    void cut_rangeOutsideArray_rejected() {
        byte[] data = new byte[MAX];

        assertThatThrownBy(() -> small.cut(data, 1, MAX, false))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> small.cut(data, -1, 10, true))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void cut_mostlyRandomInput_cutsBeforeMax() {
        List<Integer> lengths = TestInputs.lengths(small, TestInputs.random(7, 4 << 20));

        assertThat(Collections.frequency(lengths, MAX)).isLessThan(lengths.size() / 100);
    }
}
