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
    void printableUtf8ShowsAsItself(@ForAll String text) {
        String clean = text.replace("\\", "").codePoints()
                .filter(c -> c >= 0x20 && c != 0x7f && (c < 0x80 || c > 0x9f))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
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
    void controlCharactersAreEscaped() {
        assertThat(PathNames.display("a\nb".getBytes(StandardCharsets.UTF_8))).isEqualTo("a\\x0ab");
        assertThat(PathNames.display("\u001b[31m".getBytes(StandardCharsets.UTF_8))).isEqualTo("\\x1b[31m");
        assertThat(PathNames.display("\u009b".getBytes(StandardCharsets.UTF_8))).isEqualTo("\\xc2\\x9b");
        assertThat(PathNames.display("\u007f".getBytes(StandardCharsets.UTF_8))).isEqualTo("\\x7f");
    }

    @Test
    void truncatedSequenceIsEscapedBytewise() {
        byte[] truncated = {'a', (byte) 0xc3};
        assertThat(PathNames.display(truncated)).isEqualTo("a\\xc3");
    }
}
