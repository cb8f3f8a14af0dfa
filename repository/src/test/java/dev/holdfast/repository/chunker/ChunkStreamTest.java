package dev.holdfast.repository.chunker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ChunkStreamTest {
    private final Chunker small = TestInputs.chunker(TestInputs.SMALL, TestInputs.vectorSeed());

    /** Returns every chunk of the stream, checking position() after each one. */
    static List<byte[]> drain(ChunkStream stream) throws IOException {
        List<byte[]> chunks = new ArrayList<>();
        long expectedPosition = 0;
        for (byte[] chunk = stream.next(); chunk != null; chunk = stream.next()) {
            chunks.add(chunk);
            expectedPosition += chunk.length;
            assertThat(stream.position()).isEqualTo(expectedPosition);
        }
        return chunks;
    }

    /** A source over an array that returns at most {@code limit} bytes per read. */
    static ByteSource shortReads(byte[] data, SplittableRandom random, int limit) {
        ByteArrayInputStream input = new ByteArrayInputStream(data);
        return (buffer, offset, length) -> {
            int count = Math.min(length, random.nextInt(1, limit + 1));
            return input.read(buffer, offset, count);
        };
    }

    @Property(tries = 30)
    void next_randomShortReads_matchesArrayCut(
            @ForAll ChunkerProperties.Content content, @ForAll long seed,
            @ForAll @IntRange(max = 1_000_000) int length,
            @ForAll @IntRange(min = 1, max = 200_000) int readLimit) throws IOException {
        byte[] input = ChunkerProperties.input(content, seed, length);
        ByteSource source = shortReads(input, new SplittableRandom(seed), readLimit);

        List<byte[]> chunks = drain(new ChunkStream(small, source));

        assertThat(chunks).containsExactlyElementsOf(TestInputs.chunks(small, input));
    }

    /**
     * Chunks left in the buffer by advance() are the chunks next() copies out, also when one
     * stream's buffer is handed to the next, as a file worker does from file to file.
     */
    @Property(tries = 30)
    void advance_reusedBuffer_matchesArrayCut(
            @ForAll ChunkerProperties.Content content, @ForAll long seed,
            @ForAll @IntRange(max = 600_000) int first, @ForAll @IntRange(max = 600_000) int second,
            @ForAll @IntRange(min = 1, max = 200_000) int readLimit) throws IOException {
        byte[] buffer = null;
        for (int length : new int[] {first, second}) {
            byte[] input = ChunkerProperties.input(content, seed + length, length);
            ChunkStream stream = new ChunkStream(small,
                    shortReads(input, new SplittableRandom(seed), readLimit), buffer);
            List<byte[]> chunks = new ArrayList<>();
            for (int n = stream.advance(); n >= 0; n = stream.advance()) {
                chunks.add(Arrays.copyOfRange(stream.buffer(), stream.chunkOffset(),
                        stream.chunkOffset() + n));
            }
            buffer = stream.buffer();

            assertThat(chunks).containsExactlyElementsOf(TestInputs.chunks(small, input));
            assertThat(stream.position()).isEqualTo(length);
        }
    }

    @Test
    void advance_bufferLargerThanTwiceMax_startsWithNewBuffer() throws IOException {
        byte[] tooLarge = new byte[2 * TestInputs.SMALL.max() + 1];
        byte[] input = TestInputs.random(4, 10_000);
        ChunkStream stream = new ChunkStream(small, new ByteArrayInputStream(input)::read,
                tooLarge);

        assertThat(stream.advance()).isPositive();
        assertThat(stream.buffer()).isNotSameAs(tooLarge);
    }

    @Test
    void next_oneByteReads_matchesArrayCut() throws IOException {
        byte[] input = TestInputs.random(3, 2 << 20);
        ByteSource source = shortReads(input, new SplittableRandom(3), 1);

        List<byte[]> chunks = drain(new ChunkStream(small, source));

        assertThat(chunks).containsExactlyElementsOf(TestInputs.chunks(small, input));
    }

    @Test
    void next_defaultsOnVectorInput_matchesArrayCut() throws IOException {
        Chunker chunker = TestInputs.chunker(ChunkerParameters.DEFAULT, TestInputs.vectorSeed());
        byte[] input = TestInputs.vectorInput(16 << 20);
        ByteSource source = shortReads(input, new SplittableRandom(5), 3 << 20);

        List<byte[]> chunks = drain(new ChunkStream(chunker, source));

        assertThat(chunks).containsExactlyElementsOf(TestInputs.chunks(chunker, input));
    }

    @Test
    void next_emptySource_returnsNull() throws IOException {
        ChunkStream stream = new ChunkStream(small, new ByteArrayInputStream(new byte[0])::read);

        assertThat(stream.next()).isNull();
        assertThat(stream.position()).isZero();
    }

    @Test
    void next_afterEnd_returnsNullWithoutReadingAgain() throws IOException {
        int[] readsAfterEnd = {0};
        ByteArrayInputStream input = new ByteArrayInputStream(new byte[100]);
        boolean[] ended = {false};
        ChunkStream stream = new ChunkStream(small, (buffer, offset, length) -> {
            readsAfterEnd[0] += ended[0] ? 1 : 0;
            int count = input.read(buffer, offset, length);
            ended[0] |= count < 0;
            return count;
        });

        assertThat(stream.next()).hasSize(100);
        assertThat(stream.next()).isNull();
        assertThat(stream.next()).isNull();
        assertThat(stream.position()).isEqualTo(100);
        assertThat(readsAfterEnd[0]).isZero();
    }

    @Test
    void next_sourceReturnsZero_fails() {
        ChunkStream stream = new ChunkStream(small, (buffer, offset, length) -> 0);

        assertThatIOException().isThrownBy(stream::next)
                .withMessage("Byte source returned 0 for a read of 65536 bytes at offset 0:"
                        + " it must return 1 to 65536 bytes, or -1 at the end");
    }

    @Test
    void next_sourceReturnsMoreThanRequested_fails() {
        ChunkStream stream = new ChunkStream(small, (buffer, offset, length) -> length + 1);

        assertThatIOException().isThrownBy(stream::next)
                .withMessageStartingWith("Byte source returned 65537 for a read of 65536 bytes");
    }

    @Test
    void next_sourceFails_propagatesTheError() {
        IOException failure = new IOException("disk read failed");
        ChunkStream stream = new ChunkStream(small, (buffer, offset, length) -> {
            throw failure;
        });

        assertThatIOException().isThrownBy(stream::next).isSameAs(failure);
    }

    /**
     * Most chunks end within twice the average, so the buffer stays far below 2 * max. Over
     * 64 MiB of random data with the default sizes, a chunk longer than 4 MiB is rare (about
     * one in 700 under rule 2) but would only double the buffer to 8 MiB.
     */
    @Test
    void next_randomData_bufferBelowMax() throws IOException {
        Chunker chunker = TestInputs.chunker(ChunkerParameters.DEFAULT, TestInputs.vectorSeed());
        byte[] input = TestInputs.random(21, 64 << 20);
        int[] read = {0};
        ChunkStream stream = new ChunkStream(chunker, (buffer, offset, count) -> {
            if (read[0] == input.length) {
                return -1;
            }
            int produced = Math.min(count, Math.min(1 << 20, input.length - read[0]));
            System.arraycopy(input, read[0], buffer, offset, produced);
            read[0] += produced;
            return produced;
        });
        List<Integer> lengths = new ArrayList<>();
        int largestBuffer = 0;
        for (byte[] chunk = stream.next(); chunk != null; chunk = stream.next()) {
            lengths.add(chunk.length);
            largestBuffer = Math.max(largestBuffer, stream.bufferLength());
        }

        assertThat(lengths).isEqualTo(TestInputs.lengths(chunker, input));
        assertThat(largestBuffer).isLessThanOrEqualTo(ChunkerParameters.DEFAULT.max());
    }
}
