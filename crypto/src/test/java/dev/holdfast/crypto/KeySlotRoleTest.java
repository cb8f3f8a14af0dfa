package dev.holdfast.crypto;

import static dev.holdfast.crypto.KeySlotTest.withNewChecksum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeySlotRoleTest {
    private static final Argon2Parameters CHEAP = Argon2Parameters.forTestsOnly();
    private static final String REPOSITORY = "5a1f0c9e2b7d4e83";
    private static final char[] PASSPHRASE = "backup host passphrase".toCharArray();

    private final MasterKey masterKey = MasterKey.fromBytes(TestBytes.sequence(0xa0, 32));

    private KeySlot slot(KeySlotRole role) {
        return KeySlot.createWithPassphrase(masterKey, PASSPHRASE, CHEAP, REPOSITORY, "host",
                role);
    }

    @Test
    void fullSlot_keepsVersion1Layout() {
        byte[] encoded = slot(KeySlotRole.FULL).encode();
        assertThat(encoded[4]).isEqualTo((byte) 1);
        assertThat(encoded).hasSize(168 + REPOSITORY.length() + "host".length());
    }

    @Test
    void appendOnlySlot_version2WithRoleByte() {
        byte[] encoded = slot(KeySlotRole.APPEND_ONLY).encode();
        assertThat(encoded[4]).isEqualTo((byte) 2);
        assertThat(encoded[6]).isEqualTo((byte) 2);
        assertThat(encoded).hasSize(169 + REPOSITORY.length() + "host".length());
    }

    @Test
    void appendOnlySlot_decodesAndOpensWithRole() throws Exception {
        KeySlot decoded = KeySlot.decode(slot(KeySlotRole.APPEND_ONLY).encode());
        assertThat(decoded.role()).isEqualTo(KeySlotRole.APPEND_ONLY);
        assertThat(decoded.label()).isEqualTo("host");
        try (MasterKey opened = decoded.open(PASSPHRASE, REPOSITORY)) {
            assertThat(opened.bytes()).isEqualTo(masterKey.bytes());
        }
    }

    @Test
    void version1Slot_isFull() throws Exception {
        assertThat(KeySlot.decode(slot(KeySlotRole.FULL).encode()).role())
                .isEqualTo(KeySlotRole.FULL);
    }

    @Test
    void roleChangedToFull_neverOpens() throws Exception {
        byte[] encoded = slot(KeySlotRole.APPEND_ONLY).encode();
        encoded[6] = 1;
        KeySlot tampered = KeySlot.decode(withNewChecksum(encoded));
        assertThat(tampered.role()).isEqualTo(KeySlotRole.FULL);
        assertThatThrownBy(() -> tampered.open(PASSPHRASE, REPOSITORY))
                .isInstanceOf(WrongPassphraseException.class);
    }

    @Test
    void unknownRole_damagedAskingForUpgrade() {
        byte[] encoded = slot(KeySlotRole.APPEND_ONLY).encode();
        encoded[6] = 9;
        assertThatThrownBy(() -> KeySlot.decode(withNewChecksum(encoded)))
                .isInstanceOf(DamagedKeySlotException.class)
                .hasMessageContaining("role 9 is not supported")
                .hasMessageContaining("upgrade Holdfast");
    }

    @Test
    void toString_namesRoleWithoutSecret() {
        assertThat(slot(KeySlotRole.APPEND_ONLY).toString()).contains("append-only")
                .doesNotContain(new String(PASSPHRASE));
    }
}
