package dev.holdfast.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyringTest {
    private static final byte[] NO_DATA = new byte[0];
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

    private final MasterKey masterKey = MasterKey.generate();

    @Test
    void open_afterSeal_keepsEveryKey() throws Exception {
        try (Keyring original = Keyring.generate().withNewEpoch();
                Keyring opened = Keyring.open(masterKey, original.seal(masterKey))) {
            assertSameKeys(opened, original);
        }
    }

    @Test
    void open_otherMasterKey_authenticationFails() {
        byte[] sealed = Keyring.generate().seal(masterKey);
        try (MasterKey other = MasterKey.generate()) {
            assertThatThrownBy(() -> Keyring.open(other, sealed))
                    .isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageContaining("keyring");
        }
    }

    @Test
    void open_flippedByteAnywhere_authenticationFails() {
        byte[] original = Keyring.generate().seal(masterKey);
        for (int i = 0; i < original.length; i++) {
            byte[] sealed = original.clone();
            sealed[i] ^= 0x01;
            int index = i;
            assertThatThrownBy(() -> Keyring.open(masterKey, sealed))
                    .as("byte %d flipped", index)
                    .isInstanceOf(AuthenticationFailedException.class);
        }
    }

    @Test
    void seal_twice_givesDifferentBytes() {
        try (Keyring keyring = Keyring.generate()) {
            assertThat(keyring.seal(masterKey)).isNotEqualTo(keyring.seal(masterKey));
        }
    }

    @Test
    void reseal_newMasterKey_keepsKeys() throws Exception {
        byte[] sealedUnderOld = Keyring.generate().seal(masterKey);
        try (Keyring keyring = Keyring.open(masterKey, sealedUnderOld);
                MasterKey rotated = MasterKey.generate()) {
            byte[] sealedUnderNew = keyring.seal(rotated);
            try (Keyring reopened = Keyring.open(rotated, sealedUnderNew)) {
                assertSameKeys(reopened, keyring);
            }
            assertThatThrownBy(() -> Keyring.open(masterKey, sealedUnderNew))
                    .isInstanceOf(AuthenticationFailedException.class);
        }
    }

    @Test
    void withNewEpoch_becomesCurrentAndKeepsOlder() {
        try (Keyring first = Keyring.generate(); Keyring second = first.withNewEpoch()) {
            assertThat(first.currentEpoch()).isZero();
            assertThat(second.currentEpoch()).isEqualTo(1);
            assertThat(second.dataEpochs()).extracting(DataEpoch::number).containsExactly(0, 1);
            assertThat(second.dataEpochs().getFirst()).isEqualTo(first.dataEpochs().getFirst());
            assertThat(second.chunkerSeed()).isEqualTo(first.chunkerSeed());
        }
    }

    @Test
    void withNewEpoch_oldDataStillOpens() throws Exception {
        try (Keyring first = Keyring.generate(); Keyring second = first.withNewEpoch()) {
            byte[] old = Sealer.sealObject(first, Purpose.PACK, NO_DATA, HELLO);
            byte[] current = Sealer.sealObject(second, Purpose.PACK, NO_DATA, HELLO);
            assertThat(Opener.openObject(second, Purpose.PACK, NO_DATA, old)).isEqualTo(HELLO);
            assertThat(ByteBuffer.wrap(current, 3, 4).getInt()).isEqualTo(1);
            assertThatThrownBy(() -> Opener.openObject(first, Purpose.PACK, NO_DATA, current))
                    .isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageContaining("data epoch 1")
                    .hasMessageContaining("reload the keyring");
        }
    }

    @Test
    void withNewEpoch_indexKeyUnchanged() throws Exception {
        try (Keyring first = Keyring.generate(); Keyring second = first.withNewEpoch()) {
            byte[] index = Sealer.sealObject(first, Purpose.INDEX, NO_DATA, HELLO);
            assertThat(Opener.openObject(second, Purpose.INDEX, NO_DATA, index)).isEqualTo(HELLO);
        }
    }

    @Test
    void contentIds_newInstanceEachCall() {
        try (Keyring keyring = Keyring.generate()) {
            assertThat(keyring.contentIds()).isNotSameAs(keyring.contentIds());
        }
    }

    @Test
    void chunkerSeed_returnsCopy() {
        try (Keyring keyring = Keyring.generate()) {
            byte[] seed = keyring.chunkerSeed();
            seed[0] ^= 1;
            assertThat(keyring.chunkerSeed()).isNotEqualTo(seed);
        }
    }

    @Test
    void close_wipesKeysAndBlocksUse() {
        Keyring keyring = Keyring.generate();
        byte[] contentIdKey = keyring.contentIdKey();
        byte[] epochKey = keyring.epochKeys().getFirst().key();
        keyring.close();
        assertThat(contentIdKey).containsOnly(0);
        assertThat(epochKey).containsOnly(0);
        assertThatThrownBy(keyring::chunkerSeed).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Sealer.create(keyring, Purpose.PACK))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("keyring is closed");
    }

    @Test
    void open_newerPlaintextVersion_asksForUpgrade() {
        byte[] plaintext = KeyringCodec.encode(Keyring.generate());
        plaintext[0] = 2;
        assertThatThrownBy(() -> Keyring.open(masterKey, sealRaw(plaintext)))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("format version is 2")
                .hasMessageContaining("upgrade Holdfast");
    }

    @Test
    void open_noEpochs_rejected() {
        byte[] plaintext = KeyringCodec.encode(Keyring.generate());
        byte[] withoutEpochs = ByteBuffer.allocate(101).put(plaintext, 0, 97).putInt(0).array();
        assertThatThrownBy(() -> Keyring.open(masterKey, sealRaw(withoutEpochs)))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("lists 0 data epochs");
    }

    @Test
    void open_epochsOutOfOrder_rejected() {
        var epoch = new Keyring.EpochKey(3, TestBytes.VECTOR_TIME, new byte[32]);
        var earlier = new Keyring.EpochKey(2, TestBytes.VECTOR_TIME, new byte[32]);
        Keyring keyring = new Keyring(new byte[32], new byte[32], new byte[32],
                List.of(epoch, earlier));
        byte[] plaintext = KeyringCodec.encode(keyring);
        assertThatThrownBy(() -> Keyring.open(masterKey, sealRaw(plaintext)))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("2 follows 3");
    }

    @Test
    void keyringPurpose_pointsToKeyringMethods() {
        try (Keyring keyring = Keyring.generate()) {
            assertThatThrownBy(() -> Sealer.create(keyring, Purpose.KEYRING))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Keyring.seal");
            byte[] sealed = keyring.seal(masterKey);
            assertThatThrownBy(() -> Opener.forHeader(keyring, Purpose.KEYRING, sealed, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Keyring.open");
        }
    }

    private byte[] sealRaw(byte[] plaintext) {
        Sealer sealer = Sealer.withKey(masterKey.bytes(), Purpose.KEYRING, 0, new SecureRandom());
        return sealer.sealWhole(NO_DATA, plaintext);
    }

    private static void assertSameKeys(Keyring actual, Keyring expected) {
        assertThat(actual.contentIdKey()).isEqualTo(expected.contentIdKey());
        assertThat(actual.chunkerSeed()).isEqualTo(expected.chunkerSeed());
        assertThat(actual.indexKey()).isEqualTo(expected.indexKey());
        assertThat(actual.dataEpochs()).isEqualTo(expected.dataEpochs());
        assertThat(actual.currentEpoch()).isEqualTo(expected.currentEpoch());
        for (int i = 0; i < expected.epochKeys().size(); i++) {
            assertThat(actual.epochKeys().get(i).key())
                    .isEqualTo(expected.epochKeys().get(i).key());
        }
    }
}
