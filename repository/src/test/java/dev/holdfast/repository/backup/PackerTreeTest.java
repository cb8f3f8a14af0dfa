package dev.holdfast.repository.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.crypto.Keyring;
import dev.holdfast.repository.index.Index;
import dev.holdfast.repository.index.IndexedPack;
import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.repository.objects.ObjectStore;
import dev.holdfast.repository.pack.BlobFrame;
import dev.holdfast.repository.pack.BlobId;
import dev.holdfast.repository.pack.BlobType;
import dev.holdfast.repository.pack.PackReader;
import dev.holdfast.repository.pack.PackWriter;
import dev.holdfast.repository.pack.PackedBlob;
import dev.holdfast.storage.filesystem.FileSystemProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tree packs close at their own, smaller target, and data packs at the configured one. */
class PackerTreeTest {
    private static final Keyring KEYRING = Keyring.generate();
    private static final int PACK_TARGET = 16 * 1024 * 1024;

    @TempDir
    Path temp;

    @Test
    void treesAndData_closeAtTheirTargets() throws Exception {
        try (FileSystemProvider provider = FileSystemProvider.create("test", temp.resolve("r"))) {
            Index index = new Index();
            Packer packer = new Packer(new ObjectStore(provider), KEYRING, index, PACK_TARGET);
            List<IndexedPack> packs = new ArrayList<>();
            packer.onIndexed(packs::add);
            BlobFrame frame = new BlobFrame(0);
            Random random = new Random(7);
            // 12 MiB of trees and 20 MiB of data, in blobs of 64 KiB.
            for (int i = 0; i < 512; i++) {
                BlobType type = i % 8 < 3 ? BlobType.TREE : BlobType.DATA;
                byte[] blob = new byte[64 * 1024];
                random.nextBytes(blob);
                BlobId id = BlobId.of(KEYRING.contentIds().compute(blob, 0, blob.length));
                packer.add(type, id, frame.prepare(blob, 0, blob.length), blob.length);
            }
            packer.flush();
            packer.close();

            List<Long> treePacks = new ArrayList<>();
            List<Long> dataPacks = new ArrayList<>();
            for (IndexedPack pack : packs) {
                byte[] stored = provider.get(ObjectKind.PACK.key(pack.name()));
                List<PackedBlob> blobs = PackReader.readHeader(KEYRING, stored);
                assertThat(blobs).extracting(PackedBlob::type).containsOnly(
                        blobs.getFirst().type());
                (blobs.getFirst().type() == BlobType.TREE ? treePacks : dataPacks)
                        .add((long) stored.length);
            }
            assertThat(treePacks).hasSizeBetween(3, 4).allSatisfy(length ->
                    assertThat(length).isLessThanOrEqualTo(PackWriter.TREE_PACK_TARGET + 4096));
            assertThat(dataPacks).hasSize(2).anySatisfy(length ->
                    assertThat(length).isGreaterThan((long) PackWriter.TREE_PACK_TARGET * 3));
        }
    }
}
