package dev.holdfast.repository.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class BlobFrameProperties {

    @Property(tries = 200)
    void randomBytesRoundTrip(@ForAll @Size(max = 100_000) byte[] data, @ForAll @IntRange(max = 19) int level)
            throws Exception {
        byte[] frame = new BlobFrame(level).encode(data, 0, data.length);
        assertThat(frame.length).isEqualTo(Padding.padme(frame.length));
        assertThat(BlobFrame.decode(frame, data.length)).isEqualTo(data);
    }

    @Property(tries = 50)
    void repetitiveDataIsCompressed(@ForAll @IntRange(min = 1000, max = 200_000) int length) throws Exception {
        byte[] data = new byte[length];
        Arrays.fill(data, (byte) 'x');
        byte[] frame = new BlobFrame(3).encode(data, 0, length);
        assertThat(frame[0]).isEqualTo((byte) BlobFrame.ZSTD);
        assertThat(frame.length).isLessThan(length / 4);
        assertThat(BlobFrame.decode(frame, length)).isEqualTo(data);
    }

    @Test
    void incompressibleDataIsStored() throws Exception {
        byte[] data = new byte[1 << 20];
        new Random(1).nextBytes(data);
        byte[] frame = new BlobFrame(3).encode(data, 0, data.length);
        assertThat(frame[0]).isEqualTo((byte) BlobFrame.STORED);
        assertThat(BlobFrame.decode(frame, data.length)).isEqualTo(data);
    }

    @Test
    void wrongPlainLengthIsRejected() {
        byte[] frame = new BlobFrame(0).encode(new byte[10], 0, 10);
        assertThatThrownBy(() -> BlobFrame.decode(frame, 11)).isInstanceOf(BlobFrame.FrameException.class)
                .hasMessageContaining("the index records 11");
    }

    @Test
    void plainLengthBeyondZstdExpansionIsRejectedBeforeAllocating() {
        byte[] data = new byte[100_000];
        byte[] frame = new BlobFrame(3).encode(data, 0, data.length);
        assertThatThrownBy(() -> BlobFrame.decode(frame, Integer.MAX_VALUE - 8))
                .isInstanceOf(BlobFrame.FrameException.class)
                .hasMessageContaining("cannot hold the 2147483639 bytes that the index records");
    }

    @Test
    void negativePlainLengthOfZstdFrameIsRejected() {
        byte[] data = new byte[1000];
        byte[] frame = new BlobFrame(3).encode(data, 0, data.length);
        assertThatThrownBy(() -> BlobFrame.decode(frame, -1))
                .isInstanceOf(BlobFrame.FrameException.class)
                .hasMessageContaining("cannot hold the -1 bytes");
    }

    @Test
    void zstdFrameOfLargestExpansionDecodes() throws Exception {
        byte[] data = new byte[8 << 20];
        byte[] frame = new BlobFrame(19).encode(data, 0, data.length);
        assertThat(BlobFrame.decode(frame, data.length)).isEqualTo(data);
    }

    @Property
    void arbitraryFramesNeverEscapeAsOtherErrors(@ForAll @Size(max = 300) byte[] frame,
            @ForAll @IntRange(max = 1000) int plainLength) {
        try {
            BlobFrame.decode(frame, plainLength);
        } catch (BlobFrame.FrameException expected) {
            assertThat(expected).hasMessageNotContaining("null");
        }
    }
}
