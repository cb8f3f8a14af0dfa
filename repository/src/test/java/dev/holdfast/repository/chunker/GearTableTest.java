package dev.holdfast.repository.chunker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GearTableTest {
    /** The gear table test vector of the format specification, seed 00 01 ... 1f. */
    private static final long[] VECTOR_FIRST_VALUES = {
        0x59c220d885691ee7L, 0x2c53a847fa951d79L, 0xbeb086df5663aa7fL, 0x97ed4c86451c876bL,
        0xb8e1ca64df70a633L, 0xa018b4f7f9953037L, 0x1d9f3ab6447080c5L, 0x34500e3690543ac4L,
    };

    @Test
    void derive_vectorSeed_matchesSpecificationVector() {
        GearTable table = GearTable.derive(TestInputs.vectorSeed());

        for (int i = 0; i < VECTOR_FIRST_VALUES.length; i++) {
            assertThat(table.value(i)).as("gear[%d]", i).isEqualTo(VECTOR_FIRST_VALUES[i]);
        }
    }

    @Test
    void derive_sameSeed_sameTable() {
        long[] first = GearTable.derive(TestInputs.vectorSeed()).values();
        long[] second = GearTable.derive(TestInputs.vectorSeed()).values();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void derive_oneBitSeedChange_sharesNoValue() {
        byte[] otherSeed = TestInputs.vectorSeed();
        otherSeed[31] ^= 1;

        long[] first = GearTable.derive(TestInputs.vectorSeed()).values();
        long[] second = GearTable.derive(otherSeed).values();

        assertThat(second).doesNotContain(first);
    }

    @Test
    void derive_valuesAllDistinct() {
        long[] values = GearTable.derive(TestInputs.vectorSeed()).values();

        assertThat(values).hasSize(256).doesNotHaveDuplicates();
    }

    @Test
    void derive_seedChangedAfterwards_tableUnchanged() {
        byte[] seed = TestInputs.vectorSeed();
        GearTable table = GearTable.derive(seed);

        seed[0] ^= 1;

        assertThat(table.value(0)).isEqualTo(VECTOR_FIRST_VALUES[0]);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 16, 31, 33, 64})
    void derive_seedOfWrongLength_rejectedNamingTheLength(int length) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GearTable.derive(new byte[length]))
                .withMessage("Invalid chunker seed: it has " + length
                        + " bytes, expected 32; pass the chunker seed of the keyring");
    }

    @Test
    void derive_nullSeed_rejected() {
        assertThatNullPointerException().isThrownBy(() -> GearTable.derive(null));
    }
}
