package dev.holdfast.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Argon2ParametersTest {
    @Test
    void default_isRfc9106SecondRecommendation() {
        assertThat(Argon2Parameters.DEFAULT).isEqualTo(new Argon2Parameters(65536, 3, 4));
    }

    @Test
    void constructor_belowEightMiB_rejected() {
        assertThatThrownBy(() -> new Argon2Parameters(8191, 3, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("memoryKiB 8191")
                .hasMessageContaining("8192 KiB")
                .hasMessageContaining("forTestsOnly");
    }

    @Test
    void constructor_atEightMiB_accepted() {
        assertThat(new Argon2Parameters(8192, 1, 16).memoryKiB()).isEqualTo(8192);
    }

    @ParameterizedTest(name = "{3}")
    @CsvSource({
        "65536, 0, 4, iterations zero",
        "65536, 65, 4, iterations above 64",
        "65536, 3, 0, parallelism zero",
        "65536, 3, 17, parallelism above 16",
        "4194305, 3, 4, memory above 4 GiB",
        "-1, 3, 4, memory negative",
    })
    void constructor_outOfRange_rejected(int memory, int iterations, int lanes,
            String description) {
        assertThatThrownBy(() -> new Argon2Parameters(memory, iterations, lanes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Argon2id ");
    }

    @Test
    void forTestsOnly_isCheapButValid() {
        Argon2Parameters cheap = Argon2Parameters.forTestsOnly();
        assertThat(cheap.memoryKiB()).isLessThan(Argon2Parameters.MIN_MEMORY_KIB);
        assertThat(cheap.memoryKiB()).isGreaterThanOrEqualTo(8 * cheap.parallelism());
    }

    @Test
    void storedValues_belowEightMiB_accepted() {
        assertThat(Argon2Parameters.ofStoredValues(64, 1, 8).memoryKiB()).isEqualTo(64);
    }

    @Test
    void storedValues_belowEightKiBPerLane_rejected() {
        assertThatThrownBy(() -> Argon2Parameters.ofStoredValues(63, 1, 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minimum of 64 KiB for 8 lanes");
    }

    @Test
    void storedValues_doNotLeakIntoLaterConstruction() {
        Argon2Parameters.ofStoredValues(64, 1, 1);
        assertThatThrownBy(() -> new Argon2Parameters(64, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
