package dev.holdfast.repository.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.holdfast.crypto.Purpose;
import dev.holdfast.repository.FuzzSupport;
import dev.holdfast.repository.index.IndexFile.IndexFormatException;
import dev.holdfast.repository.objects.Hex;
import dev.holdfast.repository.pack.BlobId;
import dev.holdfast.repository.pack.BlobType;
import dev.holdfast.repository.pack.PackedBlob;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes {@link IndexFile}: any bytes give packs or an {@link IndexFormatException}, and index
 * files round-trip, both those decoded from the input and those built from it.
 */
class IndexFileFuzzTest {
    private static final byte[] NO_DATA = new byte[0];

    @FuzzTest(maxDuration = FuzzSupport.MAX_DURATION)
    void decode(byte[] plain) {
        try {
            List<IndexedPack> packs = IndexFile.decode(plain);
            // The layout has one encoding per index, so a decoded one encodes to the same bytes.
            assertThat(IndexFile.encode(packs)).isEqualTo(plain);
        } catch (IndexFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    /** Opens the input as stored, then sealed as an index's plaintext, which must match decode. */
    @FuzzTest(maxDuration = FuzzSupport.MAX_DURATION)
    void open(byte[] data) {
        try {
            List<IndexedPack> packs = IndexFile.open(FuzzSupport.KEYRING, data);
            assertSamePacks(IndexFile.open(FuzzSupport.KEYRING,
                    IndexFile.seal(FuzzSupport.KEYRING, packs)), packs);
        } catch (IndexFormatException expected) {
            assertThat(expected.getMessage()).startsWith("index");
        }
        String opened = outcome(() -> IndexFile.open(FuzzSupport.KEYRING,
                FuzzSupport.seal(Purpose.INDEX, NO_DATA, data)));
        assertThat(opened).isEqualTo(outcome(() -> IndexFile.decode(data)));
    }

    @FuzzTest(maxDuration = FuzzSupport.MAX_DURATION)
    void roundTrip(FuzzedDataProvider data) throws IndexFormatException {
        List<IndexedPack> packs = new ArrayList<>();
        int packCount = data.consumeInt(0, 4);
        for (int p = 0; p < packCount; p++) {
            packs.add(pack(data));
        }
        assertSamePacks(IndexFile.decode(IndexFile.encode(packs)), packs);
    }

    private static IndexedPack pack(FuzzedDataProvider data) {
        String name = Hex.encode(Arrays.copyOf(data.consumeBytes(32), 32));
        byte[] sealerHeader = data.consumeBytes(data.consumeInt(0, 100));
        List<PackedBlob> blobs = new ArrayList<>();
        int blobCount = data.consumeInt(0, 8);
        for (int b = 0; b < blobCount; b++) {
            BlobType type = data.consumeBoolean() ? BlobType.TREE : BlobType.DATA;
            BlobId id = BlobId.of(Arrays.copyOf(data.consumeBytes(BlobId.LENGTH), BlobId.LENGTH));
            blobs.add(new PackedBlob(type, id, data.consumeInt(0, Integer.MAX_VALUE),
                    data.consumeInt(0, Integer.MAX_VALUE), data.consumeInt(0, Integer.MAX_VALUE)));
        }
        return new IndexedPack(name, sealerHeader, blobs);
    }

    private static void assertSamePacks(List<IndexedPack> actual, List<IndexedPack> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).name()).isEqualTo(expected.get(i).name());
            assertThat(actual.get(i).sealerHeader()).isEqualTo(expected.get(i).sealerHeader());
            assertThat(actual.get(i).blobs()).isEqualTo(expected.get(i).blobs());
        }
    }

    private interface Decoding {
        List<IndexedPack> run() throws IndexFormatException;
    }

    /** Describes a decoding's result, its packs or its error, for comparison. */
    private static String outcome(Decoding decoding) {
        try {
            List<IndexedPack> packs = decoding.run();
            return "packs " + Arrays.toString(IndexFile.encode(packs));
        } catch (IndexFormatException e) {
            return "error " + e.getMessage();
        }
    }
}
