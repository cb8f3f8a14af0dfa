package dev.holdfast.repository.lock;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dev.holdfast.repository.FuzzSupport;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the decoder of lock objects in {@link LockManager}: any plaintext gives a lock that
 * the manager can judge stale or not, or an {@link IOException}, and a decoded lock survives
 * encoding and decoding unchanged.
 */
class LockManagerFuzzTest {
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
    private static final LockManager MANAGER = new LockManager(null, FuzzSupport.KEYRING,
            Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC));

    @AfterAll
    static void closeManager() {
        MANAGER.close();
    }

    @FuzzTest(maxDuration = FuzzSupport.MAX_DURATION)
    void decode(byte[] plain) throws IOException {
        LockInfo info;
        try {
            info = LockManager.decode(plain);
        } catch (IOException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return;
        }
        assertThat(info.describe()).isNotBlank();
        MANAGER.isStale(info);
        byte[] encoded;
        try {
            encoded = CBOR.writeValueAsBytes(info);
        } catch (JsonProcessingException unpairedSurrogate) {
            // Jackson (2.21) reads UTF-8-encoded surrogates as unpaired chars but cannot write
            // them. A manager writes only its own locks, so such a foreign lock stays readable.
            return;
        }
        assertThat(LockManager.decode(encoded)).isEqualTo(info);
    }
}
