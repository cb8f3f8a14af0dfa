package dev.holdfast.orchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {

    @ParameterizedTest(name = "{0} is {1} bytes")
    @CsvSource({
        "0, 0",
        "4096, 4096",
        "7B, 7",
        "512KiB, 524288",
        "1MiB, 1048576",
        "16MiB, 16777216",
        "16 MiB, 16777216",
        "1GiB, 1073741824",
        "2TiB, 2199023255552",
        "' 8MiB ', 8388608",
    })
    void parse_acceptsBytesAndBinaryUnits(String text, long bytes) {
        assertThat(ByteSize.parse(text).bytes()).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "\"{0}\" is rejected")
    @ValueSource(strings = {"", "MiB", "16 MB", "16mib", "1.5GiB", "-1", "16  MiB", "0x10",
        "9223372036854775808", "8388608TiB", "16MiB extra"})
    void parse_rejectsOtherForms(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid size \"" + text + "\": expected a number of bytes or a "
                        + "value such as 16MiB");
    }

    @ParameterizedTest(name = "{0} bytes print as {1}")
    @CsvSource({"0, 0", "1000, 1000", "1024, 1KiB", "1536, 1536", "16777216, 16MiB",
        "1073741824, 1GiB"})
    void toString_usesTheLargestExactUnit(long bytes, String text) {
        assertThat(new ByteSize(bytes)).hasToString(text);
    }

    @Property
    void toString_parsesBackToTheSameSize(@ForAll @LongRange(min = 0, max = 1L << 50) long bytes) {
        ByteSize size = new ByteSize(bytes);

        assertThat(ByteSize.parse(size.toString())).isEqualTo(size);
    }
}
