package dev.holdfast.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A passphrase typed on a system that composes characters differently must open the same slot,
 * in both directions.
 */
class PassphraseNormalizationTest {
    private static final String REPOSITORY = "5a1f0c9e2b7d4e83";

    static Stream<Arguments> equivalentSpellings() {
        return Stream.of(
                Arguments.of("e acute, composed vs decomposed", "caf\u00e9", "cafe\u0301"),
                Arguments.of("Hangul syllables vs jamo", "\ud55c\uad6d",
                        "\u1112\u1161\u11ab\u1100\u116e\u11a8"),
                Arguments.of("Angstrom sign vs A with ring", "\u212b", "\u00c5"),
                Arguments.of("Angstrom sign vs A plus ring", "\u212b", "A\u030a"),
                Arguments.of("marks in non-canonical order", "a\u0302\u0323", "\u1ead"),
                Arguments.of("mixed with ASCII",
                        "pa\u0308ssw\u00f6rd 42", "p\u00e4sswo\u0308rd 42"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("equivalentSpellings")
    void slot_opensWithEitherSpelling(String description, String first, String second)
            throws Exception {
        assertOpensWith(first, second);
        assertOpensWith(second, first);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("equivalentSpellings")
    void encodedPassphrase_isSameUtf8(String description, String first, String second) {
        assertThat(PassphraseKdf.encodePassphrase(first.toCharArray()))
                .isEqualTo(PassphraseKdf.encodePassphrase(second.toCharArray()));
    }

    private static void assertOpensWith(String createdWith, String openedWith) throws Exception {
        try (MasterKey key = MasterKey.generate()) {
            KeySlot slot = KeySlot.createWithPassphrase(key, createdWith.toCharArray(),
                    Argon2Parameters.forTestsOnly(), REPOSITORY, "unicode");
            try (MasterKey opened = slot.open(openedWith.toCharArray(), REPOSITORY)) {
                assertThat(opened.bytes()).isEqualTo(key.bytes());
            }
        }
    }
}
