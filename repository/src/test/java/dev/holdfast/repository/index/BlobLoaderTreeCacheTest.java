package dev.holdfast.repository.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.crypto.Keyring;
import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.repository.pack.BlobFrame;
import dev.holdfast.repository.pack.BlobId;
import dev.holdfast.repository.pack.BlobType;
import dev.holdfast.repository.pack.FinishedPack;
import dev.holdfast.repository.pack.PackWriter;
import dev.holdfast.storage.ForwardingProvider;
import dev.holdfast.storage.StorageException;
import dev.holdfast.storage.filesystem.FileSystemProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tree that a walk meets again after its pack left the pack cache, such as the tree of
 * every empty folder, is read from the provider once by both tree caches.
 */
class BlobLoaderTreeCacheTest {
    private static final Keyring KEYRING = Keyring.generate();

    @TempDir
    Path temp;

    @Test
    void smallTreeCache_repeatedTree_readOnce() throws Exception {
        assertThat(readsOfRepeatedTree(true)).isEqualTo(1);
    }

    @Test
    void defaultTreeCache_repeatedTree_readOnce() throws Exception {
        assertThat(readsOfRepeatedTree(false)).isEqualTo(1);
    }

    /**
     * Stores four tree packs of one tree each, then loads the first tree, the other three,
     * and the first again. Returns how often the first tree's pack was read.
     */
    private int readsOfRepeatedTree(boolean small) throws Exception {
        try (FileSystemProvider files = FileSystemProvider.create("test",
                temp.resolve(small ? "small" : "default"))) {
            Index index = new Index();
            List<BlobId> trees = new ArrayList<>();
            List<String> packs = new ArrayList<>();
            BlobFrame frame = new BlobFrame(0);
            for (int i = 0; i < 4; i++) {
                byte[] tree = ("tree " + i).getBytes(StandardCharsets.UTF_8);
                BlobId id = BlobId.of(KEYRING.contentIds().compute(tree, 0, tree.length));
                PackWriter writer = new PackWriter(KEYRING, new SecureRandom());
                writer.add(BlobType.TREE, id, frame.prepare(tree, 0, tree.length), tree.length);
                FinishedPack pack = writer.finish();
                files.putIfAbsent(ObjectKind.PACK.key(pack.name()), pack.bytes());
                index.addPack(new IndexedPack(pack.name(), pack.sealerHeader(), pack.blobs()));
                trees.add(id);
                packs.add(ObjectKind.PACK.key(pack.name()));
            }
            AtomicInteger reads = new AtomicInteger();
            ForwardingProvider counting = new ForwardingProvider(files) {
                @Override
                public byte[] get(String key) throws StorageException {
                    countRead(key);
                    return super.get(key);
                }

                @Override
                public byte[] get(String key, long offset, int length) throws StorageException {
                    countRead(key);
                    return super.get(key, offset, length);
                }

                private void countRead(String key) {
                    if (key.equals(packs.getFirst())) {
                        reads.incrementAndGet();
                    }
                }
            };
            BlobLoader loader = new BlobLoader(counting, KEYRING, index);
            if (small) {
                loader = loader.withSmallTreeCache();
            }

            for (BlobId tree : trees) {
                loader.load(tree, BlobType.TREE);
            }
            byte[] again = loader.load(trees.getFirst(), BlobType.TREE);

            assertThat(new String(again, StandardCharsets.UTF_8)).isEqualTo("tree 0");
            return reads.get();
        }
    }
}
