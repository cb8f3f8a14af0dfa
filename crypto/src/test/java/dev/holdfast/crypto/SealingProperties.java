package dev.holdfast.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Round trips of sealing, and parsers fed arbitrary bytes. */
class SealingProperties {
    private final Keyring keyring = Keyring.generate();
    private final MasterKey masterKey = MasterKey.generate();

    @Property
    void sealThenOpen_returnsPlaintext(@ForAll @Size(max = 4096) byte[] plaintext,
            @ForAll @Size(max = 64) byte[] additionalData,
            @ForAll @IntRange(min = 0) int part) throws Exception {
        Sealer sealer = Sealer.create(keyring, Purpose.PACK);
        byte[] sealed = sealer.seal(part, additionalData, plaintext, 0, plaintext.length);
        Opener opener = Opener.forHeader(keyring, Purpose.PACK, sealer.header(), 0);
        assertThat(opener.open(part, additionalData, sealed, 0, sealed.length))
                .isEqualTo(plaintext);
    }

    @Property(tries = 300)
    void openObject_arbitraryBytes_onlyAuthenticationFailure(
            @ForAll("objectSizedBytes") byte[] bytes) {
        assertThatThrownBy(() -> Opener.openObject(keyring, Purpose.SNAPSHOT, new byte[0], bytes))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Property(tries = 300)
    void keyringOpen_arbitraryBytes_onlyAuthenticationFailure(
            @ForAll("objectSizedBytes") byte[] bytes) {
        assertThatThrownBy(() -> Keyring.open(masterKey, bytes))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Property(tries = 1000)
    void keySlotDecode_arbitraryBytes_onlyDamaged(@ForAll("objectSizedBytes") byte[] bytes) {
        assertThatThrownBy(() -> KeySlot.decode(bytes))
                .isInstanceOf(DamagedKeySlotException.class);
    }

    @Property(tries = 300)
    void keySlotDecode_arbitraryBodyWithValidChecksum_neverCrashes(
            @ForAll("objectSizedBytes") byte[] body) {
        byte[] encoded = new byte[6 + body.length + KeySlotCodec.CHECKSUM_LENGTH];
        System.arraycopy(KeySlotCodec.MAGIC, 0, encoded, 0, 4);
        encoded[4] = KeySlotCodec.VERSION;
        encoded[5] = KeySlotCodec.KIND_PASSPHRASE;
        System.arraycopy(body, 0, encoded, 6, body.length);
        try {
            KeySlot.decode(KeySlotTest.withNewChecksum(encoded));
        } catch (DamagedKeySlotException expected) {
            assertThat(expected.getMessage()).startsWith("key slot");
        }
    }

    @Provide
    Arbitrary<byte[]> objectSizedBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    }
}
