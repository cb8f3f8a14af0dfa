package dev.holdfast.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the parsing of sealed headers and parts through {@link Opener}: any bytes give
 * plaintext or an {@link AuthenticationFailedException}. The purpose tried is the one that the
 * input's header names, so that seeds of every purpose open.
 */
class OpenerFuzzTest {
    private static final Keyring KEYRING = TestBytes.vectorKeyring();
    private static final byte[] NO_DATA = new byte[0];

    @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
    void openObject(byte[] data) {
        Purpose purpose = purposeNamedAt(data, 1);
        try {
            byte[] plain = Opener.openObject(KEYRING, purpose, NO_DATA, data);
            byte[] resealed = Sealer.sealObject(KEYRING, purpose, NO_DATA, plain);
            assertThat(Opener.openObject(KEYRING, purpose, NO_DATA, resealed)).isEqualTo(plain);
        } catch (AuthenticationFailedException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    /**
     * Reads the header at the offset that the first byte gives, signed so that negative offsets
     * are tried too, then opens parts 0 and {@link Sealer#FINAL_PART} from the bytes after it.
     */
    @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
    void forHeader(byte[] data) {
        int offset = data.length == 0 ? 0 : data[0];
        Purpose purpose = purposeNamedAt(data, offset + 1);
        Opener opener;
        try {
            opener = Opener.forHeader(KEYRING, purpose, data, offset);
        } catch (AuthenticationFailedException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return;
        }
        int partStart = offset + Sealer.headerLength();
        for (long part : new long[] {0, Sealer.FINAL_PART}) {
            try {
                byte[] plain = opener.open(part, NO_DATA, data, partStart, data.length - partStart);
                assertThat(plain).hasSize(data.length - partStart - Aead.TAG_LENGTH);
            } catch (AuthenticationFailedException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    /** Returns the purpose whose code is at {@code data[at]}, or INDEX if there is none. */
    private static Purpose purposeNamedAt(byte[] data, int at) {
        Purpose named = at >= 0 && at < data.length ? Purpose.ofCode(data[at] & 0xff) : null;
        boolean usable = named != null && named != Purpose.KEYRING;
        return usable ? named : Purpose.INDEX;
    }
}
