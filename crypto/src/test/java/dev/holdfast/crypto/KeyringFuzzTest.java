package dev.holdfast.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.SecureRandom;

/**
 * Fuzzes {@link Keyring#open}: any bytes give a keyring or an
 * {@link AuthenticationFailedException}. Each input is opened as a sealed keyring, and is also
 * sealed under the master key as a keyring's plaintext and opened, which runs the keyring
 * decoder on it behind the authentication that random bytes never pass.
 */
class KeyringFuzzTest {
    static final MasterKey MASTER_KEY = MasterKey.fromBytes(TestBytes.sequence(0xa0, 32));
    private static final SecureRandom RANDOM = new SecureRandom();

    @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
    void open(byte[] data) {
        try (Keyring keyring = Keyring.open(MASTER_KEY, data)) {
            assertResealsToSame(keyring);
        } catch (AuthenticationFailedException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
        byte[] sealedPlaintext = Sealer.withKey(MASTER_KEY.bytes(), Purpose.KEYRING, 0, RANDOM)
                .sealWhole(new byte[0], data);
        try (Keyring keyring = Keyring.open(MASTER_KEY, sealedPlaintext)) {
            // The plaintext layout has one encoding per keyring, so it must come back unchanged.
            assertThat(KeyringCodec.encode(keyring)).isEqualTo(data);
            assertResealsToSame(keyring);
        } catch (AuthenticationFailedException expected) {
            assertThat(expected.getMessage()).startsWith("keyring opened, but cannot be read");
        }
    }

    private static void assertResealsToSame(Keyring keyring) {
        try (Keyring reopened = Keyring.open(MASTER_KEY, keyring.seal(MASTER_KEY))) {
            assertThat(KeyringCodec.encode(reopened)).isEqualTo(KeyringCodec.encode(keyring));
            assertThat(reopened.dataEpochs()).isEqualTo(keyring.dataEpochs());
        } catch (AuthenticationFailedException e) {
            throw new AssertionError("a resealed keyring does not open: " + e.getMessage(), e);
        }
    }
}
