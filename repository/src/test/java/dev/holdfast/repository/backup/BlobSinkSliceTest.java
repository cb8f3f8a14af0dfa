package dev.holdfast.repository.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.crypto.Keyring;
import dev.holdfast.repository.index.Index;
import dev.holdfast.repository.index.IndexEntry;
import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.repository.objects.ObjectStore;
import dev.holdfast.repository.pack.BlobId;
import dev.holdfast.repository.pack.BlobType;
import dev.holdfast.repository.pack.PackReader;
import dev.holdfast.storage.filesystem.FileSystemProvider;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chunks stored from a slice of a buffer that the caller overwrites right away, as file workers
 * do with their read buffer, reach the pack as they were when stored.
 */
class BlobSinkSliceTest {
    private static final Keyring KEYRING = Keyring.generate();

    @TempDir
    Path temp;

    @Test
    void store_reusedBuffer_packsStoredBytes() throws Exception {
        try (FileSystemProvider provider = FileSystemProvider.create("test", temp.resolve("r"))) {
            Index index = new Index();
            Packer packer = new Packer(new ObjectStore(provider), KEYRING, index, 256 * 1024);
            BlobSink sink = new BlobSink(KEYRING, index, packer, 3, 2, 4 * 1024 * 1024);
            Random random = new Random(11);
            byte[] buffer = new byte[96 * 1024];
            Map<BlobId, byte[]> expected = new HashMap<>();
            for (int i = 0; i < 300; i++) {
                int length = random.nextInt(1, 90 * 1024);
                int offset = random.nextInt(buffer.length - length + 1);
                // Half text-like, so that compression is exercised too, and some repeats.
                if (i % 2 == 0) {
                    Arrays.fill(buffer, offset, offset + length, (byte) ('a' + i % 26));
                } else if (i % 7 != 0) {
                    random.nextBytes(buffer);
                }
                byte[] copy = Arrays.copyOfRange(buffer, offset, offset + length);
                expected.put(sink.store(buffer, offset, length, BlobType.DATA), copy);
                random.nextBytes(buffer);
            }
            sink.drain();
            packer.flush();
            sink.close();
            packer.close();

            for (Map.Entry<BlobId, byte[]> blob : expected.entrySet()) {
                IndexEntry entry = index.lookup(blob.getKey());
                assertThat(entry).isNotNull();
                byte[] pack = provider.get(ObjectKind.PACK.key(entry.packName()));
                assertThat(PackReader.openBlob(KEYRING, entry.sealerHeader(), entry.blob(), pack,
                        entry.blob().offset())).isEqualTo(blob.getValue());
            }
            assertThat(index.blobCount()).isEqualTo(expected.size());
        }
    }
}
