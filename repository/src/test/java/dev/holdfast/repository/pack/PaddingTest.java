package dev.holdfast.repository.pack;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class PaddingTest {

    @Test
    void smallLengthsAreKept() {
        assertThat(Padding.padme(1)).isEqualTo(1);
        assertThat(Padding.padme(2)).isEqualTo(2);
        assertThat(Padding.padme(7)).isEqualTo(7);
    }

    @Test
    void knownValues() {
        // E = 20 for 1 MiB + 1, S = 5, so the low 15 bits are cleared upwards.
        assertThat(Padding.padme(1_048_577)).isEqualTo(1_048_576 + 32_768);
        assertThat(Padding.padme(1_048_576)).isEqualTo(1_048_576);
        assertThat(Padding.padme(1000)).isEqualTo(1024);
    }

    @Property
    void paddedLengthCoversAndStaysWithinTwelvePercent(@ForAll @LongRange(min = 1, max = 1L << 40) long length) {
        long padded = Padding.padme(length);
        assertThat(padded).isGreaterThanOrEqualTo(length);
        assertThat((double) (padded - length) / length).isLessThanOrEqualTo(0.12);
    }

    @Property
    void paddingIsIdempotent(@ForAll @LongRange(min = 1, max = 1L << 40) long length) {
        long padded = Padding.padme(length);
        assertThat(Padding.padme(padded)).isEqualTo(padded);
    }
}
