package dev.holdfast.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Fuzzes {@link KeySlot#decode}: any bytes give a slot or a {@link DamagedKeySlotException}.
 * Each input is decoded as given and again with its last 32 bytes replaced by the right SHA-256
 * checksum, so that mutations reach the field parser behind the checksum.
 */
class KeySlotFuzzTest {
    @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
    void decode(byte[] data) {
        decodeAndCheck(data);
        decodeAndCheck(withChecksum(data));
    }

    private static void decodeAndCheck(byte[] encoded) {
        KeySlot slot;
        try {
            slot = KeySlot.decode(encoded);
        } catch (DamagedKeySlotException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return;
        }
        assertThat(slot.encode()).isEqualTo(encoded);
        assertThat(slot.id()).matches("[0-9a-f]{32}");
        assertThat(slot.repositoryId()).isNotEmpty();
        assertThat(slot.toString()).contains(slot.id());
        KeySlot again = decodeValid(slot.encode());
        assertThat(again.id()).isEqualTo(slot.id());
        assertThat(again.label()).isEqualTo(slot.label());
        assertThat(again.created()).isEqualTo(slot.created());
        assertThat(again.parameters()).isEqualTo(slot.parameters());
    }

    private static KeySlot decodeValid(byte[] encoded) {
        try {
            return KeySlot.decode(encoded);
        } catch (DamagedKeySlotException e) {
            throw new AssertionError("a slot's own encoding does not decode: " + e.getMessage(), e);
        }
    }

    /** Returns a copy whose trailing checksum matches the bytes before it. */
    static byte[] withChecksum(byte[] data) {
        if (data.length < KeySlotCodec.MAGIC.length + KeySlotCodec.CHECKSUM_LENGTH) {
            return data;
        }
        byte[] fixed = data.clone();
        int bodyLength = fixed.length - KeySlotCodec.CHECKSUM_LENGTH;
        byte[] checksum = KeySlotCodec.sha256(fixed, bodyLength);
        System.arraycopy(checksum, 0, fixed, bodyLength, checksum.length);
        return Arrays.equals(fixed, data) ? data : fixed;
    }
}
