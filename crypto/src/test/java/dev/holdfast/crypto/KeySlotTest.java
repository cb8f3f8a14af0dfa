package dev.holdfast.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeySlotTest {
    private static final Argon2Parameters CHEAP = Argon2Parameters.forTestsOnly();
    private static final String REPOSITORY = "5a1f0c9e2b7d4e83";
    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

    private final MasterKey masterKey = MasterKey.fromBytes(TestBytes.sequence(0xa0, 32));

    private KeySlot slot() {
        return KeySlot.createWithPassphrase(masterKey, PASSPHRASE, CHEAP, REPOSITORY, "laptop");
    }

    @Test
    void open_afterEncodeAndDecode_returnsMasterKey() throws Exception {
        KeySlot decoded = KeySlot.decode(slot().encode());
        try (MasterKey opened = decoded.open(PASSPHRASE, REPOSITORY)) {
            assertThat(opened.bytes()).isEqualTo(masterKey.bytes());
        }
    }

    @Test
    void decode_keepsEveryField() throws Exception {
        KeySlot original = slot();
        KeySlot decoded = KeySlot.decode(original.encode());
        assertThat(decoded.id()).isEqualTo(original.id()).matches("[0-9a-f]{32}");
        assertThat(decoded.kind()).isEqualTo("passphrase");
        assertThat(decoded.label()).isEqualTo("laptop");
        assertThat(decoded.repositoryId()).isEqualTo(REPOSITORY);
        assertThat(decoded.created()).isEqualTo(original.created());
        assertThat(decoded.parameters()).isEqualTo(CHEAP);
        assertThat(decoded.encode()).isEqualTo(original.encode());
    }

    @Test
    void create_twice_givesDifferentIdsAndBytes() {
        KeySlot first = slot();
        KeySlot second = slot();
        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(first.encode()).isNotEqualTo(second.encode());
    }

    @Test
    void open_differentPassphrase_wrongPassphrase() {
        KeySlot slot = slot();
        char[] other = "Correct horse battery staple".toCharArray();
        assertThatThrownBy(() -> slot.open(other, REPOSITORY))
                .isInstanceOf(WrongPassphraseException.class)
                .hasMessage("wrong passphrase for key slot " + slot.id());
    }

    @Test
    void decode_flippedWrappedKeyByte_damaged() {
        byte[] encoded = slot().encode();
        encoded[wrappedKeyOffset(encoded)] ^= 0x01;
        assertThatThrownBy(() -> KeySlot.decode(encoded))
                .isInstanceOf(DamagedKeySlotException.class)
                .hasMessageContaining("checksum does not match");
    }

    @Test
    void decode_flippedByteAnywhere_damaged() {
        byte[] original = slot().encode();
        for (int i = 0; i < original.length; i++) {
            byte[] encoded = original.clone();
            encoded[i] ^= (byte) 0x80;
            int index = i;
            assertThatThrownBy(() -> KeySlot.decode(encoded))
                    .as("byte %d flipped", index)
                    .isInstanceOf(DamagedKeySlotException.class);
        }
    }

    @Test
    void open_forgedWrappedKey_wrongPassphrase() throws Exception {
        byte[] encoded = slot().encode();
        encoded[wrappedKeyOffset(encoded) + 5] ^= 0x01;
        KeySlot tampered = KeySlot.decode(withNewChecksum(encoded));
        assertThatThrownBy(() -> tampered.open(PASSPHRASE, REPOSITORY))
                .isInstanceOf(WrongPassphraseException.class);
    }

    @Test
    void open_forgedLabel_wrongPassphrase() throws Exception {
        byte[] encoded = slot().encode();
        int labelOffset = 32 + REPOSITORY.length();
        String label = new String(encoded, labelOffset, 6, StandardCharsets.UTF_8);
        assertThat(label).isEqualTo("laptop");
        encoded[labelOffset] = 'L';
        KeySlot tampered = KeySlot.decode(withNewChecksum(encoded));
        assertThat(tampered.label()).isEqualTo("Laptop");
        assertThatThrownBy(() -> tampered.open(PASSPHRASE, REPOSITORY))
                .isInstanceOf(WrongPassphraseException.class);
    }

    @Test
    void open_forgedHeader_neverOpens() throws Exception {
        byte[] original = slot().encode();
        int headerLength = wrappedKeyOffset(original) - Aead.NONCE_LENGTH;
        for (int i = 4; i < headerLength; i++) {
            byte[] encoded = original.clone();
            encoded[i] ^= 0x01;
            KeySlot tampered;
            try {
                tampered = KeySlot.decode(withNewChecksum(encoded));
            } catch (DamagedKeySlotException structureBroken) {
                continue;
            }
            int index = i;
            assertThatThrownBy(() -> tampered.open(PASSPHRASE, tampered.repositoryId()))
                    .as("header byte %d changed", index)
                    .isInstanceOf(WrongPassphraseException.class);
        }
    }

    @Test
    void open_slotOfAnotherRepository_damagedNamingBoth() {
        KeySlot slot = slot();
        assertThatThrownBy(() -> slot.open(PASSPHRASE, "77e0aa13c4d2b6f9"))
                .isInstanceOf(DamagedKeySlotException.class)
                .hasMessageContaining(REPOSITORY)
                .hasMessageContaining("77e0aa13c4d2b6f9")
                .hasMessageContaining(slot.id());
    }

    @Test
    void open_severalSlots_sameMasterKey() throws Exception {
        KeySlot first = slot();
        KeySlot second = KeySlot.createWithPassphrase(
                masterKey, "another one".toCharArray(), CHEAP, REPOSITORY, "recovery sheet");
        try (MasterKey viaFirst = first.open(PASSPHRASE, REPOSITORY);
                MasterKey viaSecond = second.open("another one".toCharArray(), REPOSITORY)) {
            assertThat(viaFirst.bytes()).isEqualTo(masterKey.bytes());
            assertThat(viaSecond.bytes()).isEqualTo(masterKey.bytes());
        }
        assertThatThrownBy(() -> second.open(PASSPHRASE, REPOSITORY))
                .isInstanceOf(WrongPassphraseException.class);
    }

    @Test
    void decode_notASlot_damagedNamingMagic() {
        byte[] encoded = slot().encode();
        encoded[0] = 'X';
        assertThatThrownBy(() -> KeySlot.decode(encoded))
                .isInstanceOf(DamagedKeySlotException.class)
                .hasMessageContaining("not a Holdfast key slot")
                .hasMessageContaining("58464b53");
    }

    @Test
    void decode_tooShort_damaged() {
        assertThatThrownBy(() -> KeySlot.decode(new byte[10]))
                .isInstanceOf(DamagedKeySlotException.class)
                .hasMessageContaining("10 bytes, too short");
    }

    @Test
    void decode_newerVersion_damagedAskingForUpgrade() {
        byte[] encoded = slot().encode();
        encoded[4] = 3;
        assertThatThrownBy(() -> KeySlot.decode(withNewChecksum(encoded)))
                .isInstanceOf(DamagedKeySlotException.class)
                .hasMessageContaining("version 3 is not supported")
                .hasMessageContaining("upgrade Holdfast");
    }

    @Test
    void decode_unknownKind_damaged() {
        byte[] encoded = slot().encode();
        encoded[5] = 2;
        assertThatThrownBy(() -> KeySlot.decode(withNewChecksum(encoded)))
                .isInstanceOf(DamagedKeySlotException.class)
                .hasMessageContaining("kind 2 is not supported");
    }

    @Test
    void decode_truncatedWithValidChecksum_damaged() {
        byte[] encoded = slot().encode();
        byte[] shorter = Arrays.copyOf(encoded, encoded.length - 33);
        assertThatThrownBy(() -> KeySlot.decode(withNewChecksum(shorter)))
                .isInstanceOf(DamagedKeySlotException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void decode_extraBytesWithValidChecksum_damaged() {
        byte[] encoded = slot().encode();
        byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);
        assertThatThrownBy(() -> KeySlot.decode(withNewChecksum(longer)))
                .isInstanceOf(DamagedKeySlotException.class)
                .hasMessageContaining("1 unexpected bytes");
    }

    @Test
    void decode_oversizedArgon2MemoryWithValidChecksum_damaged() {
        byte[] encoded = slot().encode();
        int memoryOffset = 32 + REPOSITORY.length() + "laptop".length();
        encoded[memoryOffset] = 0x7f;
        assertThatThrownBy(() -> KeySlot.decode(withNewChecksum(encoded)))
                .isInstanceOf(DamagedKeySlotException.class)
                .hasMessageContaining("invalid Argon2id parameters");
    }

    @Test
    void create_labelOver255Bytes_rejected() {
        String label = "é".repeat(128);
        assertThatThrownBy(() -> KeySlot.createWithPassphrase(
                masterKey, PASSPHRASE, CHEAP, REPOSITORY, label))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label is 256 bytes");
    }

    @Test
    void create_emptyRepositoryId_rejected() {
        assertThatThrownBy(() -> KeySlot.createWithPassphrase(
                masterKey, PASSPHRASE, CHEAP, "", "laptop"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("repository ID is empty");
    }

    @Test
    void create_emptyPassphrase_rejected() {
        assertThatThrownBy(() -> KeySlot.createWithPassphrase(
                masterKey, new char[0], CHEAP, REPOSITORY, "laptop"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("passphrase is empty");
    }

    @Test
    void create_unpairedSurrogate_rejected() {
        assertThatThrownBy(() -> KeySlot.createWithPassphrase(
                masterKey, new char[] {'a', '\ud800'}, CHEAP, REPOSITORY, "laptop"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired UTF-16 surrogate");
    }

    @Test
    void open_defaultParameters_roundTrip() throws Exception {
        KeySlot slot = KeySlot.createWithPassphrase(
                masterKey, PASSPHRASE, Argon2Parameters.DEFAULT, REPOSITORY, "default cost");
        KeySlot decoded = KeySlot.decode(slot.encode());
        assertThat(decoded.parameters()).isEqualTo(Argon2Parameters.DEFAULT);
        try (MasterKey opened = decoded.open(PASSPHRASE, REPOSITORY)) {
            assertThat(opened.bytes()).isEqualTo(masterKey.bytes());
        }
    }

    static int wrappedKeyOffset(byte[] encoded) {
        return encoded.length - KeySlotCodec.CHECKSUM_LENGTH - KeySlotCodec.WRAPPED_LENGTH;
    }

    /** Replaces the last 32 bytes with the SHA-256 of the rest, as a careful forger would. */
    static byte[] withNewChecksum(byte[] encoded) {
        int bodyLength = encoded.length - KeySlotCodec.CHECKSUM_LENGTH;
        byte[] checksum = KeySlotCodec.sha256(encoded, bodyLength);
        byte[] result = encoded.clone();
        System.arraycopy(checksum, 0, result, bodyLength, checksum.length);
        return result;
    }
}
