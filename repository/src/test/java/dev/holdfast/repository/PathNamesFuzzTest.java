package dev.holdfast.repository;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link PathNames#parse}: any text gives bytes, never an exception, and the input's
 * bytes survive {@link PathNames#display} and parsing unchanged.
 */
class PathNamesFuzzTest {
    @FuzzTest(maxDuration = FuzzSupport.MAX_DURATION)
    void parse(byte[] data) {
        assertThat(PathNames.parse(PathNames.display(data))).isEqualTo(data);
        parseAndCheck(new String(data, StandardCharsets.UTF_8));
        parseAndCheck(utf16(data));
    }

    /** Reads the bytes as UTF-16 code units, so that unpaired surrogates occur too. */
    private static String utf16(byte[] data) {
        char[] chars = new char[data.length / 2];
        ByteBuffer.wrap(data).asCharBuffer().get(chars);
        return new String(chars);
    }

    private static void parseAndCheck(String text) {
        byte[] parsed = PathNames.parse(text);
        assertThat(PathNames.parse(PathNames.display(parsed))).isEqualTo(parsed);
    }
}
