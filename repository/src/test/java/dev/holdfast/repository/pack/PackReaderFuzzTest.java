package dev.holdfast.repository.pack;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.holdfast.crypto.Keyring;
import dev.holdfast.crypto.Purpose;
import dev.holdfast.crypto.Sealer;
import dev.holdfast.repository.FuzzSupport;
import dev.holdfast.repository.objects.ObjectStore;
import dev.holdfast.repository.pack.PackReader.PackFormatException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes {@link PackReader}: any bytes give blobs or a {@link PackFormatException}. Random bytes
 * never authenticate, so two targets seal the fuzzed plaintext under the test keyring first, as
 * a writer with the key would, to reach the decoders behind authentication.
 */
class PackReaderFuzzTest {
    private static final Keyring KEYRING = FuzzSupport.KEYRING;
    private static final int SEALER_HEADER = Sealer.headerLength();

    /** Reads a whole pack as stored, then opens every blob that its header lists. */
    @FuzzTest(maxDuration = FuzzSupport.MAX_DURATION)
    void readHeader(byte[] pack) {
        List<PackedBlob> blobs;
        try {
            blobs = PackReader.readHeader(KEYRING, pack);
        } catch (PackFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return;
        }
        byte[] sealerHeader = Arrays.copyOf(pack, SEALER_HEADER);
        for (PackedBlob blob : blobs) {
            assertThat(blob.offset()).isGreaterThanOrEqualTo(SEALER_HEADER);
            assertThat((long) blob.offset() + blob.sealedLength()).isLessThanOrEqualTo(pack.length);
            openBlobOrFormatError(sealerHeader, blob, pack, blob.offset());
        }
    }

    /**
     * Input: u16 size of the blob region, then the plaintext of a pack header. The harness lays
     * out a pack with that many zero bytes of blobs and the header sealed after them.
     */
    @FuzzTest(maxDuration = FuzzSupport.MAX_DURATION)
    void readSealedHeader(byte[] data) {
        if (data.length < 2) {
            return;
        }
        int blobRegion = ByteBuffer.wrap(data, 0, 2).getShort() & 0xffff;
        byte[] header = Arrays.copyOfRange(data, 2, data.length);
        byte[] pack = packAround(blobRegion, header);
        try {
            List<PackedBlob> blobs = PackReader.readHeader(KEYRING, pack);
            assertThat(PackWriter.encodeHeader(blobs)).isEqualTo(header);
            long end = SEALER_HEADER;
            for (PackedBlob blob : blobs) {
                assertThat(blob.offset()).isEqualTo(end);
                end += blob.sealedLength();
            }
            assertThat(end).isEqualTo(SEALER_HEADER + blobRegion);
        } catch (PackFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    private static byte[] packAround(int blobRegion, byte[] header) {
        Sealer sealer = Sealer.create(KEYRING, Purpose.PACK);
        byte[] sealedHeader = sealer.seal(PackWriter.HEADER_PART, new byte[0], header, 0,
                header.length);
        return ByteBuffer.allocate(SEALER_HEADER + blobRegion + sealedHeader.length
                        + PackWriter.TRAILER)
                .put(sealer.header())
                .put(new byte[blobRegion])
                .put(sealedHeader)
                .putInt(sealedHeader.length)
                .put(PackWriter.MAGIC)
                .array();
    }

    /**
     * Input: type byte, u32 plain length, then a blob frame. The harness seals the frame as a
     * pack writer would and opens it with the index entry that the input describes.
     */
    @FuzzTest(maxDuration = FuzzSupport.MAX_DURATION)
    void openBlob(byte[] data) {
        if (data.length < 5) {
            return;
        }
        BlobType type = (data[0] & 1) == 0 ? BlobType.DATA : BlobType.TREE;
        int plainLength = ByteBuffer.wrap(data, 1, 4).getInt() & Integer.MAX_VALUE;
        byte[] frame = Arrays.copyOfRange(data, 5, data.length);
        BlobId id = BlobId.of(ObjectStore.sha256(frame));
        Sealer sealer = Sealer.create(KEYRING, Purpose.PACK);
        int offset = SEALER_HEADER;
        byte[] sealed = sealer.seal(offset, PackWriter.additionalData(type, id), frame, 0,
                frame.length);
        PackedBlob blob = new PackedBlob(type, id, offset, sealed.length, plainLength);
        byte[] plain = openBlobOrFormatError(sealer.header(), blob, sealed, 0);
        if (plain != null) {
            assertThat(plain).hasSize(plainLength);
        }
        BlobType otherType = type == BlobType.DATA ? BlobType.TREE : BlobType.DATA;
        PackedBlob swapped = new PackedBlob(otherType, id, offset, sealed.length, plainLength);
        assertThat(openBlobOrFormatError(sealer.header(), swapped, sealed, 0)).isNull();
    }

    /** Returns the blob's plaintext, or null after checking the format error's message. */
    private static byte[] openBlobOrFormatError(byte[] sealerHeader, PackedBlob blob,
            byte[] sealed, int offset) {
        try {
            return PackReader.openBlob(KEYRING, sealerHeader, blob, sealed, offset);
        } catch (PackFormatException expected) {
            assertThat(expected.getMessage()).contains(blob.id().hex());
            return null;
        }
    }
}
