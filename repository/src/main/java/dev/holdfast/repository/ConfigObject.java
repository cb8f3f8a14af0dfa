package dev.holdfast.repository;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dev.holdfast.crypto.AuthenticationFailedException;
import dev.holdfast.crypto.Keyring;
import dev.holdfast.crypto.Opener;
import dev.holdfast.crypto.Purpose;
import dev.holdfast.crypto.Sealer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * The {@code config} object: magic {@code HFCF}, format version byte 1, u16 length and ASCII
 * bytes of the repository ID, then the settings as a CBOR map sealed with purpose config. The
 * ID is readable without a key because key slots bind it; the settings are authenticated so a
 * provider cannot change chunk or pack sizes.
 */
final class ConfigObject {
    static final String KEY = "config";
    /** A second copy, written first, read when {@link #KEY} is damaged. */
    static final String COPY_KEY = "config-copy";
    static final int FORMAT_VERSION = 1;
    private static final byte[] MAGIC = {'H', 'F', 'C', 'F'};
    // Later versions may add settings; a reader that only restores or checks does not need them.
    private static final ObjectMapper MAPPER = new ObjectMapper(new CBORFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * Settings fixed at init; field names are part of the format. {@code cutRule} is null in
     * configs written before rule 2 existed, which means rule 1. {@code deletionDelay} is in
     * seconds, and null in configs written before deletion records existed, which means
     * {@link #DEFAULT_DELETION_DELAY}.
     */
    record Settings(int minChunk, int averageChunk, int maxChunk, int packTarget, int compressionLevel,
            Integer cutRule, @JsonInclude(JsonInclude.Include.NON_NULL) Long deletionDelay) {

        /** Creates settings without a deletion delay, as configs before deletion records. */
        Settings(int minChunk, int averageChunk, int maxChunk, int packTarget,
                int compressionLevel, Integer cutRule) {
            this(minChunk, averageChunk, maxChunk, packTarget, compressionLevel, cutRule, null);
        }

        /** Returns the sealed deletion delay, or the default when the config has none. */
        Duration deletionDelayOrDefault() {
            return deletionDelay == null ? DEFAULT_DELETION_DELAY
                    : Duration.ofSeconds(deletionDelay);
        }
    }

    /** The deletion delay of a config written before the setting existed. */
    static final Duration DEFAULT_DELETION_DELAY = RepositoryOptions.DEFAULT_DELETION_DELAY;

    private ConfigObject() {
    }

    static byte[] encode(String repositoryId, Keyring keyring, Settings settings) {
        byte[] id = repositoryId.getBytes(StandardCharsets.US_ASCII);
        byte[] sealed;
        try {
            sealed = Sealer.sealObject(keyring, Purpose.CONFIG, id, MAPPER.writeValueAsBytes(settings));
        } catch (IOException e) {
            throw new UncheckedIOException("encoding the config in memory failed", e);
        }
        return ByteBuffer.allocate(MAGIC.length + 1 + 2 + id.length + sealed.length)
                .put(MAGIC).put((byte) FORMAT_VERSION).putShort((short) id.length).put(id).put(sealed).array();
    }

    /** Returns the repository ID, checking magic and version. */
    static String repositoryId(byte[] config) throws RepositoryException {
        if (config.length < 7 || !Arrays.equals(Arrays.copyOf(config, 4), MAGIC)) {
            throw damaged("it does not start with HFCF");
        }
        if (config[4] != FORMAT_VERSION) {
            throw new RepositoryException(RepositoryException.Reason.GENERAL, "repository format version "
                    + config[4] + " is not supported by this Holdfast (it reads version " + FORMAT_VERSION
                    + "); install a newer Holdfast");
        }
        int length = Short.toUnsignedInt(ByteBuffer.wrap(config, 5, 2).getShort());
        if (7 + length > config.length) {
            throw damaged("the repository ID runs past its end");
        }
        return new String(config, 7, length, StandardCharsets.US_ASCII);
    }

    static Settings settings(byte[] config, Keyring keyring) throws RepositoryException {
        String id = repositoryId(config);
        int start = 7 + id.length();
        byte[] sealed = Arrays.copyOfRange(config, start, config.length);
        Settings settings;
        try {
            byte[] plain = Opener.openObject(keyring, Purpose.CONFIG, id.getBytes(StandardCharsets.US_ASCII),
                    sealed);
            settings = MAPPER.readValue(plain, Settings.class);
        } catch (AuthenticationFailedException | IOException e) {
            throw damaged("its settings failed authentication or decoding: " + e.getMessage());
        }
        if (settings == null) {
            throw damaged("its settings are a CBOR null instead of a map");
        }
        if (settings.deletionDelay() != null && settings.deletionDelay() < 0) {
            throw damaged("its deletion delay is negative (" + settings.deletionDelay() + " s)");
        }
        return settings;
    }

    private static RepositoryException damaged(String detail) {
        return new RepositoryException(RepositoryException.Reason.DAMAGED_DATA,
                "the repository's config object is damaged: " + detail);
    }
}
