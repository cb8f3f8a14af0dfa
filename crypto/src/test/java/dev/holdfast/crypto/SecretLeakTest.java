package dev.holdfast.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Provokes every error of the package with known secrets and scans each message and toString
 * for those secrets, as hex, Base64 or Java array text, whole or in 8-byte pieces.
 */
class SecretLeakTest {
    private static final String PASSPHRASE = "hunter2 s3cret passphrase";
    private static final String REPOSITORY = "5a1f0c9e2b7d4e83";
    private static final byte[] NO_DATA = new byte[0];

    /** Runs code that is expected to throw. */
    private interface Failing {
        void run() throws Exception;
    }

    private final List<String> texts = new ArrayList<>();

    @Test
    void messagesAndToStrings_containNoSecret() throws Exception {
        MasterKey masterKey = MasterKey.generate();
        Keyring keyring = Keyring.generate();
        KeySlot slot = KeySlot.createWithPassphrase(masterKey, PASSPHRASE.toCharArray(),
                Argon2Parameters.forTestsOnly(), REPOSITORY, "leak test");
        provokeSlotErrors(slot);
        provokeSealingErrors(keyring, masterKey);
        texts.add(masterKey.toString());
        texts.add(keyring.toString());
        texts.add(slot.toString());

        byte[] kek = PassphraseKdf.deriveKey(PASSPHRASE.toCharArray(),
                KeySlotCodec.decode(slot.encode()).salt(), slot.parameters());
        List<byte[]> secrets = List.of(masterKey.bytes(), kek, keyring.contentIdKey(),
                keyring.chunkerSeed(), keyring.indexKey(), keyring.epochKeys().getFirst().key(),
                PASSPHRASE.getBytes(StandardCharsets.UTF_8));
        assertThat(texts).hasSizeGreaterThan(25);
        for (String text : texts) {
            for (String form : forbiddenForms(secrets)) {
                assertThat(text).as("message or toString").doesNotContainIgnoringCase(form);
            }
        }
    }

    private void provokeSlotErrors(KeySlot slot) {
        byte[] encoded = slot.encode();
        expectFailure(() -> slot.open("wrong".toCharArray(), REPOSITORY));
        expectFailure(() -> slot.open(PASSPHRASE.toCharArray(), "other repository"));
        // Each index lies before the checksum, so recomputing the checksum keeps the change.
        for (int i : new int[] {0, 4, 5, 40, encoded.length - 60}) {
            byte[] damaged = encoded.clone();
            damaged[i] ^= 0x01;
            expectFailure(() -> KeySlot.decode(damaged));
            expectFailure(() -> KeySlot.decode(KeySlotTest.withNewChecksum(damaged))
                    .open(PASSPHRASE.toCharArray(), REPOSITORY));
        }
        byte[] badChecksum = encoded.clone();
        badChecksum[encoded.length - 1] ^= 0x01;
        expectFailure(() -> KeySlot.decode(badChecksum));
        expectFailure(() -> KeySlot.decode(Arrays.copyOf(encoded, 20)));
        expectFailure(() -> KeySlot.createWithPassphrase(MasterKey.generate(), new char[0],
                Argon2Parameters.forTestsOnly(), REPOSITORY, "x"));
        expectFailure(() -> new Argon2Parameters(1, 1, 1));
    }

    private void provokeSealingErrors(Keyring keyring, MasterKey masterKey) {
        byte[] text = "secret plaintext".getBytes(StandardCharsets.US_ASCII);
        byte[] sealed = Sealer.sealObject(keyring, Purpose.PACK, NO_DATA, text);
        expectFailure(() -> Opener.openObject(keyring, Purpose.INDEX, NO_DATA, sealed));
        expectFailure(() -> Opener.openObject(keyring, Purpose.PACK, text, sealed));
        expectFailure(() -> Opener.openObject(Keyring.generate(), Purpose.PACK, NO_DATA, sealed));
        for (int i : new int[] {0, 2, 3, 6, 20, sealed.length - 1}) {
            byte[] damaged = sealed.clone();
            damaged[i] ^= 0x01;
            expectFailure(() -> Opener.openObject(keyring, Purpose.PACK, NO_DATA, damaged));
        }
        expectFailure(() -> Opener.openObject(keyring, Purpose.PACK, NO_DATA, new byte[3]));
        byte[] sealedKeyring = keyring.seal(masterKey);
        expectFailure(() -> Keyring.open(MasterKey.generate(), sealedKeyring));
        Sealer sealer = Sealer.create(keyring, Purpose.PACK);
        sealer.seal(3, NO_DATA, text, 0, text.length);
        expectFailure(() -> sealer.seal(3, NO_DATA, text, 0, text.length));
        expectFailure(() -> sealer.seal(-1, NO_DATA, text, 0, text.length));
    }

    private void expectFailure(Failing code) {
        try {
            code.run();
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                texts.add(t.toString());
            }
            return;
        }
        throw new AssertionError("expected an exception, but none was thrown");
    }

    private static List<String> forbiddenForms(List<byte[]> secrets) {
        List<String> forms = new ArrayList<>(List.of(PASSPHRASE));
        for (byte[] secret : secrets) {
            forms.add(Base64.getEncoder().encodeToString(secret));
            forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
            forms.add(Arrays.toString(secret));
            for (int start = 0; start + 8 <= secret.length; start++) {
                forms.add(HexFormat.of().formatHex(secret, start, start + 8));
            }
        }
        return forms;
    }
}
