package dev.holdfast.repository.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.repository.pack.BlobId;
import dev.holdfast.repository.pack.BlobType;
import dev.holdfast.repository.pack.PackedBlob;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class IndexTest {

    private static BlobId randomId(Random random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return BlobId.of(bytes);
    }

    private static IndexedPack pack(Random random, int blobs) {
        byte[] name = new byte[32];
        random.nextBytes(name);
        List<PackedBlob> list = new ArrayList<>();
        for (int i = 0; i < blobs; i++) {
            list.add(new PackedBlob(i % 5 == 0 ? BlobType.TREE : BlobType.DATA, randomId(random), 39 + i * 100,
                    100, 84 + i));
        }
        return new IndexedPack(java.util.HexFormat.of().formatHex(name), new byte[39], list);
    }

    @Test
    void lookupFindsEveryBlobWithItsPlace() {
        Random random = new Random(7);
        Index index = new Index();
        List<IndexedPack> packs = new ArrayList<>();
        for (int p = 0; p < 50; p++) {
            packs.add(pack(random, 300));
            index.addPack(packs.getLast());
        }
        assertThat(index.blobCount()).isEqualTo(15_000);
        for (IndexedPack pack : packs) {
            for (PackedBlob blob : pack.blobs()) {
                IndexEntry entry = index.lookup(blob.id());
                assertThat(entry.packName()).isEqualTo(pack.name());
                assertThat(entry.blob()).isEqualTo(blob);
            }
        }
        assertThat(index.lookup(randomId(random))).isNull();
    }

    @Test
    void duplicateBlobKeepsFirstPack() {
        Random random = new Random(3);
        IndexedPack first = pack(random, 1);
        IndexedPack second = new IndexedPack("ab".repeat(32), new byte[39], first.blobs());
        Index index = new Index();
        index.addPack(first);
        index.addPack(second);
        assertThat(index.blobCount()).isEqualTo(1);
        assertThat(index.lookup(first.blobs().getFirst().id()).packName()).isEqualTo(first.name());
    }

    @Test
    void memoryStaysUnderSixtyFourBytesPerBlob() {
        Random random = new Random(11);
        Index index = new Index();
        for (int p = 0; p < 1000; p++) {
            index.addPack(pack(random, 1000));
        }
        double perBlob = (double) index.memoryBytes() / index.blobCount();
        assertThat(perBlob).isLessThanOrEqualTo(64.0);
    }

    @Test
    void indexFileRoundTrip() throws Exception {
        Random random = new Random(5);
        List<IndexedPack> packs = List.of(pack(random, 3), pack(random, 0), pack(random, 10));
        List<IndexedPack> decoded = IndexFile.decode(IndexFile.encode(packs));
        assertThat(decoded).hasSize(3);
        for (int i = 0; i < packs.size(); i++) {
            assertThat(decoded.get(i).name()).isEqualTo(packs.get(i).name());
            assertThat(decoded.get(i).blobs()).isEqualTo(packs.get(i).blobs());
        }
    }

    @Test
    void truncatedIndexIsRejected() {
        byte[] encoded = IndexFile.encode(List.of(pack(new Random(1), 4)));
        byte[] truncated = java.util.Arrays.copyOf(encoded, encoded.length - 1);
        assertThatThrownBy(() -> IndexFile.decode(truncated)).isInstanceOf(IndexFile.IndexFormatException.class);
    }

    @Property(tries = 500)
    void arbitraryBytesGiveOnlyFormatErrors(@ForAll @Size(max = 300) byte[] bytes) {
        try {
            IndexFile.decode(bytes);
        } catch (IndexFile.IndexFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
