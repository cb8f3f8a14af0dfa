package dev.holdfast.repository.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

class PlatformTest {
    @Test
    void glibcVersionComparison() {
        assertThat(Platform.isAtLeast("2.36", 33)).isTrue();
        assertThat(Platform.isAtLeast("2.33", 33)).isTrue();
        assertThat(Platform.isAtLeast("2.32", 33)).isFalse();
        assertThat(Platform.isAtLeast("3.0", 33)).isTrue();
        assertThat(Platform.isAtLeast("1.99", 33)).isFalse();
        assertThat(Platform.isAtLeast("unknown", 33)).isFalse();
    }

    @Test
    void buildMachineIsSupported() {
        assertThatCode(Platform::requireSupported).doesNotThrowAnyException();
    }
}
