package dev.holdfast.repository.prune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.crypto.Keyring;
import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.repository.objects.ObjectStore;
import dev.holdfast.repository.pack.BlobFrame;
import dev.holdfast.repository.pack.BlobId;
import dev.holdfast.repository.pack.BlobType;
import dev.holdfast.repository.pack.FinishedPack;
import dev.holdfast.repository.pack.PackReader;
import dev.holdfast.repository.pack.PackWriter;
import dev.holdfast.repository.pack.PackedBlob;
import dev.holdfast.storage.filesystem.FileSystemProvider;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prune repacks trees into packs of the tree target, as backups write them. */
class RepackerTreeTest {
    private static final Keyring KEYRING = Keyring.generate();

    @TempDir
    Path temp;

    @Test
    void run_treePack_repacksAtTreeTarget() throws Exception {
        try (FileSystemProvider provider = FileSystemProvider.create("test", temp.resolve("r"))) {
            ObjectStore store = new ObjectStore(provider);
            // One old tree pack of 10 MiB, as earlier versions wrote them.
            PackWriter writer = new PackWriter(KEYRING, new SecureRandom());
            BlobFrame frame = new BlobFrame(0);
            Random random = new Random(5);
            for (int i = 0; i < 160; i++) {
                byte[] tree = new byte[64 * 1024];
                random.nextBytes(tree);
                BlobId id = BlobId.of(KEYRING.contentIds().compute(tree, 0, tree.length));
                writer.add(BlobType.TREE, id, frame.prepare(tree, 0, tree.length), tree.length);
            }
            FinishedPack old = writer.finish();
            provider.putIfAbsent(ObjectKind.PACK.key(old.name()), old.bytes());
            List<PackedBlob> blobs = PackReader.readHeader(KEYRING, old.bytes());

            Repacker repacker = new Repacker(store, KEYRING, 0, 16 * 1024 * 1024);
            Repacker.Result result = repacker.run(List.of(new PackPlan.Decision(old.name(),
                    PackPlan.Fate.REPACK, old.length(), blobs, null)));

            assertThat(result.repacked()).containsExactly(old.name());
            List<Long> sizes = new ArrayList<>();
            provider.list(ObjectKind.PACK.prefix(), info -> {
                if (!info.key().endsWith(old.name())) {
                    sizes.add(info.size());
                }
            });
            assertThat(sizes).hasSize(3);
            assertThat(sizes).allSatisfy(size ->
                    assertThat(size).isLessThanOrEqualTo(PackWriter.TREE_PACK_TARGET + 4096L));
        }
    }
}
