package dev.holdfast.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MasterKeyTest {
    @Test
    void generate_makesDistinct32ByteKeys() {
        try (MasterKey first = MasterKey.generate(); MasterKey second = MasterKey.generate()) {
            assertThat(first.bytes()).hasSize(32);
            assertThat(first.bytes()).isNotEqualTo(second.bytes());
        }
    }

    @Test
    void close_wipesBytesAndBlocksUse() {
        MasterKey key = MasterKey.generate();
        byte[] inside = key.bytes();
        key.close();
        assertThat(inside).containsOnly(0);
        assertThatThrownBy(key::bytes)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void fromBytes_copiesInput() {
        byte[] source = TestBytes.sequence(1, 32);
        try (MasterKey key = MasterKey.fromBytes(source)) {
            source[0] = 0;
            assertThat(key.bytes()[0]).isEqualTo((byte) 1);
        }
    }

    @Test
    void fromBytes_wrongLength_rejected() {
        assertThatThrownBy(() -> MasterKey.fromBytes(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("31 bytes");
    }

    @Test
    void toString_showsNoKeyBytes() {
        try (MasterKey key = MasterKey.fromBytes(TestBytes.sequence(0xa0, 32))) {
            assertThat(key.toString()).isEqualTo("MasterKey[256 bits]");
        }
    }
}
