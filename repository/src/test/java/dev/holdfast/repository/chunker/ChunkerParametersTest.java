package dev.holdfast.repository.chunker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChunkerParametersTest {
    @Test
    void default_is512KiB1MiB8MiB() {
        assertThat(ChunkerParameters.DEFAULT.min()).isEqualTo(512 * 1024);
        assertThat(ChunkerParameters.DEFAULT.average()).isEqualTo(1024 * 1024);
        assertThat(ChunkerParameters.DEFAULT.max()).isEqualTo(8 * 1024 * 1024);
        assertThat(ChunkerParameters.DEFAULT.rule()).isEqualTo(CutRule.CURRENT).isEqualTo(CutRule.NARROW);
    }

    @Test
    void cutRule_codes_roundTrip() {
        assertThat(CutRule.fromCode(null)).as("a config from before rule 2").isEqualTo(CutRule.WIDE);
        for (CutRule rule : CutRule.values()) {
            assertThat(CutRule.fromCode(rule.code())).isEqualTo(rule);
        }
    }

    @Test
    void cutRule_unknownCode_rejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> CutRule.fromCode(9))
                .withMessageContaining("chunker cut rule 9")
                .withMessageContaining("install a newer Holdfast");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            smallest valid sizes          | 64       | 128      | 129
            largest valid max             | 1024     | 33554432 | 67108864
            max just above average        | 100      | 256      | 257
            """)
    void constructor_validSizes_accepted(String description, int min, int average, int max) {
        ChunkerParameters parameters = new ChunkerParameters(min, average, max);

        assertThat(parameters.average()).isEqualTo(average);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            min < 64       | 63   | 1024  | 4096     | min size 63 is below 64
            min 0          | 0    | 1024  | 4096     | min size 0 is below 64
            average 3000   | 1000 | 3000  | 8192     | average size 3000 is not a power of two
            average < 0    | 1000 | -4096 | 8192     | average size -4096 is not a power of two
            min = average  | 4096 | 4096  | 8192     | min size 4096 is not below the average
            min > average  | 8000 | 4096  | 16384    | min size 8000 is not below the average
            max = average  | 1024 | 4096  | 4096     | max size 4096 is not above the average
            max < average  | 1024 | 4096  | 2048     | max size 2048 is not above the average
            max > 64 MiB   | 1024 | 4096  | 67108865 | max size 67108865 is above 67108864
            """)
    void constructor_invalidSizes_rejectedNamingTheValue(
            String description, int min, int average, int max, String expectedMessage) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ChunkerParameters(min, average, max))
                .withMessageStartingWith("Invalid chunker parameters: ")
                .withMessageContaining(expectedMessage);
    }
}
