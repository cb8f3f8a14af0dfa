package dev.holdfast.repository;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.holdfast.crypto.Purpose;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the readers of the config object: any bytes give a repository ID or settings, or a
 * {@link RepositoryException}, and what they return survives encoding and reading again.
 */
class ConfigObjectFuzzTest {
    private static final String ID = "0123456789abcdef0123456789abcdef";

    @FuzzTest(maxDuration = FuzzSupport.MAX_DURATION)
    void repositoryId(byte[] config) throws RepositoryException {
        String id;
        try {
            id = ConfigObject.repositoryId(config);
        } catch (RepositoryException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return;
        }
        assertThat(id.length()).isLessThanOrEqualTo(config.length - 7);
        if (StandardCharsets.US_ASCII.newEncoder().canEncode(id)) {
            var settings = new ConfigObject.Settings(1, 2, 3, 4, 5, 2);
            byte[] encoded = ConfigObject.encode(id, FuzzSupport.KEYRING, settings);
            assertThat(ConfigObject.repositoryId(encoded)).isEqualTo(id);
        }
    }

    /**
     * Reads the input as a stored config, then as the settings' plaintext in a config that the
     * harness seals with the test keyring.
     */
    @FuzzTest(maxDuration = FuzzSupport.MAX_DURATION)
    void settings(byte[] data) throws RepositoryException {
        readAndCheck(data);
        byte[] id = ID.getBytes(StandardCharsets.US_ASCII);
        byte[] sealed = FuzzSupport.seal(Purpose.CONFIG, id, data);
        byte[] config = ByteBuffer.allocate(7 + id.length + sealed.length)
                .put("HFCF".getBytes(StandardCharsets.US_ASCII)).put((byte) 1)
                .putShort((short) id.length).put(id).put(sealed).array();
        readAndCheck(config);
    }

    private static void readAndCheck(byte[] config) throws RepositoryException {
        ConfigObject.Settings settings;
        try {
            settings = ConfigObject.settings(config, FuzzSupport.KEYRING);
        } catch (RepositoryException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return;
        }
        assertThat(settings).isNotNull();
        String id = ConfigObject.repositoryId(config);
        byte[] encoded = ConfigObject.encode(id, FuzzSupport.KEYRING, settings);
        assertThat(ConfigObject.settings(encoded, FuzzSupport.KEYRING)).isEqualTo(settings);
    }
}
