package dev.holdfast.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SealerTest {
    private static final byte[] NO_DATA = new byte[0];
    private static final byte[] AD = "pack 1f2e".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TEXT = "the quick brown fox".getBytes(StandardCharsets.US_ASCII);

    private final Keyring keyring = Keyring.generate();

    @ParameterizedTest
    @EnumSource(value = Purpose.class, names = "KEYRING", mode = EnumSource.Mode.EXCLUDE)
    void openObject_afterSealObject_returnsPlaintext(Purpose purpose) throws Exception {
        byte[] sealed = Sealer.sealObject(keyring, purpose, AD, TEXT);
        assertThat(sealed).hasSize(Sealer.headerLength() + TEXT.length + 16);
        assertThat(Opener.openObject(keyring, purpose, AD, sealed)).isEqualTo(TEXT);
    }

    @Test
    void headerLength_is39() {
        assertThat(Sealer.headerLength()).isEqualTo(39);
        assertThat(Sealer.create(keyring, Purpose.PACK).header()).hasSize(39);
    }

    @Test
    void open_partsInAnyOrder_returnEachPlaintext() throws Exception {
        Sealer sealer = Sealer.create(keyring, Purpose.PACK);
        byte[] part0 = sealer.seal(0, AD, TEXT, 0, 3);
        byte[] part7 = sealer.seal(7, AD, TEXT, 4, 5);
        byte[] last = sealer.seal(Sealer.FINAL_PART, NO_DATA, TEXT, 0, TEXT.length);
        Opener opener = Opener.forHeader(keyring, Purpose.PACK, sealer.header(), 0);
        assertThat(opener.open(Sealer.FINAL_PART, NO_DATA, last, 0, last.length))
                .isEqualTo(TEXT);
        assertThat(opener.open(7, AD, part7, 0, part7.length)).asString().isEqualTo("quick");
        assertThat(opener.open(0, AD, part0, 0, part0.length)).asString().isEqualTo("the");
    }

    @Test
    void sealInto_writesOnlyItsRange_andOpens() throws Exception {
        Sealer sealer = Sealer.create(keyring, Purpose.PACK);
        byte[] out = new byte[100];
        java.util.Arrays.fill(out, (byte) 0x5a);
        int written = sealer.sealInto(40, AD, TEXT, 4, 5, out, 40);
        assertThat(written).isEqualTo(5 + 16);
        for (int i = 0; i < out.length; i++) {
            if (i < 40 || i >= 40 + written) {
                assertThat(out[i]).as("byte %d outside the sealed range", i).isEqualTo((byte) 0x5a);
            }
        }
        Opener opener = Opener.forHeader(keyring, Purpose.PACK, sealer.header(), 0);
        assertThat(opener.open(40, AD, out, 40, written)).asString().isEqualTo("quick");
    }

    @Test
    void sealInto_outputTooShort_isRejectedBeforeSealing() {
        Sealer sealer = Sealer.create(keyring, Purpose.PACK);
        assertThatThrownBy(() -> sealer.sealInto(1, AD, TEXT, 0, TEXT.length, new byte[20], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        // The part number was not used up by the rejected call.
        assertThat(sealer.seal(1, AD, TEXT, 0, 3)).hasSize(3 + 16);
    }

    @Test
    void forHeader_atOffset_readsHeaderThere() throws Exception {
        Sealer sealer = Sealer.create(keyring, Purpose.SNAPSHOT);
        byte[] framed = new byte[5 + Sealer.headerLength()];
        System.arraycopy(sealer.header(), 0, framed, 5, Sealer.headerLength());
        byte[] part = sealer.seal(0, NO_DATA, TEXT, 0, TEXT.length);
        Opener opener = Opener.forHeader(keyring, Purpose.SNAPSHOT, framed, 5);
        assertThat(opener.open(0, NO_DATA, part, 0, part.length)).isEqualTo(TEXT);
    }

    @Test
    void openObject_flippedByteAnywhere_authenticationFails() {
        byte[] original = Sealer.sealObject(keyring, Purpose.SNAPSHOT, AD, TEXT);
        for (int i = 0; i < original.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] sealed = original.clone();
                sealed[i] ^= (byte) (1 << bit);
                int index = i;
                assertThatThrownBy(() -> Opener.openObject(keyring, Purpose.SNAPSHOT, AD, sealed))
                        .as("byte %d bit %d flipped", index, bit)
                        .isInstanceOf(AuthenticationFailedException.class);
            }
        }
    }

    @Test
    void openObject_truncatedOrExtended_authenticationFails() {
        byte[] sealed = Sealer.sealObject(keyring, Purpose.SNAPSHOT, AD, TEXT);
        for (int length = 0; length < sealed.length; length++) {
            byte[] truncated = java.util.Arrays.copyOf(sealed, length);
            assertThatThrownBy(() -> Opener.openObject(keyring, Purpose.SNAPSHOT, AD, truncated))
                    .isInstanceOf(AuthenticationFailedException.class);
        }
        byte[] extended = java.util.Arrays.copyOf(sealed, sealed.length + 1);
        assertThatThrownBy(() -> Opener.openObject(keyring, Purpose.SNAPSHOT, AD, extended))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void openObject_otherPurpose_namesBoth() {
        byte[] sealed = Sealer.sealObject(keyring, Purpose.INDEX, NO_DATA, TEXT);
        assertThatThrownBy(() -> Opener.openObject(keyring, Purpose.SNAPSHOT, NO_DATA, sealed))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("is a index object, but was opened as a snapshot object");
    }

    @Test
    void openObject_purposeByteRewritten_authenticationFails() {
        byte[] sealed = Sealer.sealObject(keyring, Purpose.LOCK, NO_DATA, TEXT);
        sealed[1] = (byte) Purpose.SNAPSHOT.code();
        assertThatThrownBy(() -> Opener.openObject(keyring, Purpose.SNAPSHOT, NO_DATA, sealed))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("failed authentication");
    }

    @Test
    void openObject_otherAdditionalData_authenticationFails() {
        byte[] sealed = Sealer.sealObject(keyring, Purpose.PACK, AD, TEXT);
        assertThatThrownBy(() -> Opener.openObject(keyring, Purpose.PACK, NO_DATA, sealed))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void openObject_otherKeyring_authenticationFails() {
        byte[] sealed = Sealer.sealObject(keyring, Purpose.PACK, AD, TEXT);
        try (Keyring other = Keyring.generate()) {
            assertThatThrownBy(() -> Opener.openObject(other, Purpose.PACK, AD, sealed))
                    .isInstanceOf(AuthenticationFailedException.class);
        }
    }

    @Test
    void open_wrongPartNumber_authenticationFails() throws Exception {
        Sealer sealer = Sealer.create(keyring, Purpose.PACK);
        byte[] part1 = sealer.seal(1, AD, TEXT, 0, TEXT.length);
        Opener opener = Opener.forHeader(keyring, Purpose.PACK, sealer.header(), 0);
        assertThatThrownBy(() -> opener.open(2, AD, part1, 0, part1.length))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("part 2 of a pack object");
    }

    @Test
    void open_partOfAnotherObject_authenticationFails() throws Exception {
        Sealer first = Sealer.create(keyring, Purpose.PACK);
        Sealer second = Sealer.create(keyring, Purpose.PACK);
        byte[] fromSecond = second.seal(0, AD, TEXT, 0, TEXT.length);
        Opener opener = Opener.forHeader(keyring, Purpose.PACK, first.header(), 0);
        assertThatThrownBy(() -> opener.open(0, AD, fromSecond, 0, fromSecond.length))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void seal_samePartTwice_rejected() {
        Sealer sealer = Sealer.create(keyring, Purpose.PACK);
        sealer.seal(4, AD, TEXT, 0, TEXT.length);
        assertThatThrownBy(() -> sealer.seal(4, AD, TEXT, 0, TEXT.length))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("part number 4 is not greater than the last part")
                .hasMessageContaining("(4)");
        assertThatThrownBy(() -> sealer.seal(3, AD, TEXT, 0, TEXT.length))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void seal_afterFinalPart_rejected() {
        Sealer sealer = Sealer.create(keyring, Purpose.PACK);
        sealer.seal(Sealer.FINAL_PART, AD, TEXT, 0, TEXT.length);
        assertThatThrownBy(() -> sealer.seal(Sealer.FINAL_PART, AD, TEXT, 0, TEXT.length))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void seal_negativePart_rejected() {
        Sealer sealer = Sealer.create(keyring, Purpose.PACK);
        assertThatThrownBy(() -> sealer.seal(-1, AD, TEXT, 0, TEXT.length))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("part number -1 is negative");
    }

    @Test
    void seal_emptyPlaintext_isTagOnly() throws Exception {
        Sealer sealer = Sealer.create(keyring, Purpose.LOCK);
        byte[] sealed = sealer.seal(0, NO_DATA, new byte[0], 0, 0);
        assertThat(sealed).hasSize(16);
        Opener opener = Opener.forHeader(keyring, Purpose.LOCK, sealer.header(), 0);
        assertThat(opener.open(0, NO_DATA, sealed, 0, 16)).isEmpty();
    }

    @Test
    void forHeader_newerVersion_asksForUpgrade() {
        byte[] header = Sealer.create(keyring, Purpose.PACK).header();
        header[0] = 2;
        assertThatThrownBy(() -> Opener.forHeader(keyring, Purpose.PACK, header, 0))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("header version 2")
                .hasMessageContaining("upgrade Holdfast");
    }

    @Test
    void forHeader_recipientMode_notSupportedYet() {
        byte[] header = Sealer.create(keyring, Purpose.PACK).header();
        header[2] = 2;
        assertThatThrownBy(() -> Opener.forHeader(keyring, Purpose.PACK, header, 0))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("key mode 2 (recipient public key) is reserved");
    }

    @Test
    void forHeader_unknownMode_rejected() {
        byte[] header = Sealer.create(keyring, Purpose.PACK).header();
        header[2] = 9;
        assertThatThrownBy(() -> Opener.forHeader(keyring, Purpose.PACK, header, 0))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("key mode 9 is unknown");
    }

    @Test
    void forHeader_unknownPurposeCode_rejected() {
        byte[] header = Sealer.create(keyring, Purpose.PACK).header();
        header[1] = 42;
        assertThatThrownBy(() -> Opener.forHeader(keyring, Purpose.PACK, header, 0))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("unknown purpose code 42");
    }

    @Test
    void forHeader_indexWithNonzeroEpoch_rejected() {
        byte[] header = Sealer.create(keyring, Purpose.INDEX).header();
        header[6] = 1;
        assertThatThrownBy(() -> Opener.forHeader(keyring, Purpose.INDEX, header, 0))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("index object names epoch 1");
    }

    @Test
    void forHeader_truncated_rejected() {
        byte[] header = Sealer.create(keyring, Purpose.PACK).header();
        assertThatThrownBy(() -> Opener.forHeader(keyring, Purpose.PACK, header, 1))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("only 38 remain");
    }

    @Test
    void seal_sameSaltAcrossObjects_never() {
        byte[] first = Sealer.create(keyring, Purpose.PACK).header();
        byte[] second = Sealer.create(keyring, Purpose.PACK).header();
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void nonce_isZerosThenPartBigEndian() {
        assertThat(Aead.nonceForPart(0x0102030405060708L).getIV())
                .isEqualTo(TestBytes.unhex("000000000102030405060708"));
        assertThat(Aead.nonceForPart(Sealer.FINAL_PART).getIV())
                .isEqualTo(TestBytes.unhex("000000007fffffffffffffff"));
    }
}
