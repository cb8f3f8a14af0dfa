package dev.holdfast.repository.pack;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.holdfast.repository.FuzzSupport;
import dev.holdfast.repository.pack.BlobFrame.FrameException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Fuzzes {@link BlobFrame#decode}: any frame and plain length give the plaintext or a
 * {@link FrameException}, and never allocate more than the frame can hold.
 */
class BlobFrameFuzzTest {
    private static final BlobFrame STORING = new BlobFrame(0);
    private static final BlobFrame COMPRESSING = new BlobFrame(3);

    /**
     * Input: u32 plain length (the index's claim), then the frame. The rest of the input is
     * also framed with and without compression and must decode to itself.
     */
    @FuzzTest(maxDuration = FuzzSupport.MAX_DURATION)
    void decode(byte[] data) {
        if (data.length < 4) {
            return;
        }
        int plainLength = ByteBuffer.wrap(data, 0, 4).getInt();
        byte[] frame = Arrays.copyOfRange(data, 4, data.length);
        try {
            byte[] plain = BlobFrame.decode(frame, plainLength);
            assertThat(plain).hasSize(plainLength);
            assertRoundTrip(plain);
        } catch (FrameException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
        assertRoundTrip(frame);
    }

    private static void assertRoundTrip(byte[] plain) {
        for (BlobFrame framer : new BlobFrame[] {STORING, COMPRESSING}) {
            byte[] encoded = framer.encode(plain, 0, plain.length);
            assertThat(encoded).hasSize((int) Padding.padme(BlobFrame.HEADER + payload(encoded)));
            try {
                assertThat(BlobFrame.decode(encoded, plain.length)).isEqualTo(plain);
            } catch (FrameException e) {
                throw new AssertionError("an encoded frame does not decode: " + e.getMessage(), e);
            }
        }
    }

    private static long payload(byte[] frame) {
        return ByteBuffer.wrap(frame, 1, 4).getInt();
    }
}
