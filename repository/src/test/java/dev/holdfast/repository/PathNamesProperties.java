package dev.holdfast.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class PathNamesProperties {

    @Property
    void displayThenParseGivesTheSameBytes(@ForAll byte[] bytes) {
        assertThat(PathNames.parse(PathNames.display(bytes))).isEqualTo(bytes);
    }

    @Property
    void validUtf8WithoutBackslashShowsAsItself(@ForAll String text) {
        String clean = text.replace("\\", "");
        byte[] bytes = clean.getBytes(StandardCharsets.UTF_8);
        if (new String(bytes, StandardCharsets.UTF_8).equals(clean)) {
            assertThat(PathNames.display(bytes)).isEqualTo(clean);
        }
    }

    @Test
    void invalidBytesAreEscaped() {
        assertThat(PathNames.display(new byte[] {(byte) 0xfe})).isEqualTo("\\xfe");
        assertThat(PathNames.display(new byte[] {(byte) 0xff})).isEqualTo("\\xff");
        assertThat(PathNames.display("a\\b".getBytes(StandardCharsets.UTF_8))).isEqualTo("a\\x5cb");
    }

    @Test
    void truncatedSequenceIsEscapedBytewise() {
        byte[] truncated = {'a', (byte) 0xc3};
        assertThat(PathNames.display(truncated)).isEqualTo("a\\xc3");
    }
}
