package dev.holdfast.repository.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.crypto.ContentIdFunction;
import dev.holdfast.crypto.Keyring;
import dev.holdfast.repository.objects.ObjectStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PackRoundTripProperties {
    private static final Keyring KEYRING = Keyring.generate();

    private static FinishedPack write(List<byte[]> blobs, List<BlobId> ids) {
        PackWriter writer = new PackWriter(KEYRING, new SecureRandom());
        BlobFrame frame = new BlobFrame(3);
        ContentIdFunction contentIds = KEYRING.contentIds();
        for (byte[] blob : blobs) {
            BlobId id = BlobId.of(contentIds.compute(blob, 0, blob.length));
            ids.add(id);
            writer.add(BlobType.DATA, id, frame.encode(blob, 0, blob.length), blob.length);
        }
        return writer.finish();
    }

    @Property(tries = 100)
    void everyBlobReadsBack(@ForAll @Size(min = 1, max = 20) List<@Size(max = 5000) byte[]> blobs) throws Exception {
        List<BlobId> ids = new ArrayList<>();
        FinishedPack pack = write(blobs, ids);
        List<PackedBlob> header = PackReader.readHeader(KEYRING, pack.bytes());
        assertThat(header).containsExactlyElementsOf(pack.blobs());
        for (PackedBlob blob : header) {
            byte[] plain = PackReader.openBlob(KEYRING, pack.sealerHeader(), blob, pack.bytes(), blob.offset());
            assertThat(plain).isEqualTo(blobs.get(ids.indexOf(blob.id())));
        }
    }

    @Property(tries = 100)
    void anyFlippedByteIsDetected(@ForAll @IntRange(min = 0, max = 1_000_000) int where) {
        List<byte[]> blobs = List.of(new byte[300], "some text".getBytes(), new byte[] {1, 2, 3});
        FinishedPack pack = write(blobs, new ArrayList<>());
        byte[] damaged = pack.bytes().clone();
        int position = where % damaged.length;
        damaged[position] ^= 0x01;
        assertThatThrownBy(() -> {
            List<PackedBlob> header = PackReader.readHeader(KEYRING, damaged);
            byte[] sealerHeader = java.util.Arrays.copyOf(damaged, pack.sealerHeader().length);
            for (PackedBlob blob : header) {
                PackReader.openBlob(KEYRING, sealerHeader, blob, damaged, blob.offset());
            }
        }).isInstanceOf(PackReader.PackFormatException.class);
    }

    @Test
    void blobsAreShuffled() {
        List<byte[]> blobs = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            blobs.add(("blob " + i).getBytes());
        }
        List<BlobId> ids = new ArrayList<>();
        FinishedPack pack = write(blobs, ids);
        List<BlobId> order = pack.blobs().stream().map(PackedBlob::id).toList();
        assertThat(order).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(order).isNotEqualTo(ids);
    }

    @Test
    void packFromAnotherRepositoryIsRejected() {
        FinishedPack pack = write(List.of(new byte[10]), new ArrayList<>());
        assertThatThrownBy(() -> PackReader.readHeader(Keyring.generate(), pack.bytes()))
                .isInstanceOf(PackReader.PackFormatException.class).hasMessageContaining("authentication");
    }

    @Test
    void reusedWriterAndBuffer_packsReadBack() throws Exception {
        PackWriter writer = new PackWriter(KEYRING, new SecureRandom(), 64 * 1024);
        BlobFrame frames = new BlobFrame(3);
        ContentIdFunction contentIds = KEYRING.contentIds();
        byte[][] buffer = {new byte[0]};
        IntFunction<byte[]> reuse = length -> {
            if (buffer[0].length < length) {
                buffer[0] = new byte[length];
            }
            return buffer[0];
        };
        Random random = new Random(5);
        // Each pack is smaller than the one before, so that bytes of earlier packs remain in
        // the staging buffer and in the pack buffer.
        for (int blobSize : new int[] {3000, 1000, 100}) {
            List<byte[]> blobs = new ArrayList<>();
            for (int i = 0; i < 3000 / blobSize + 4; i++) {
                byte[] blob = new byte[blobSize + i];
                random.nextBytes(blob);
                blobs.add(blob);
                BlobId id = BlobId.of(contentIds.compute(blob, 0, blob.length));
                writer.add(BlobType.DATA, id, frames.prepare(blob, 0, blob.length), blob.length);
            }

            FinishedPack pack = writer.finish(reuse);

            assertThat(pack.bytes()).isSameAs(buffer[0]);
            byte[] exact = Arrays.copyOf(pack.bytes(), pack.length());
            assertThat(pack.name()).isEqualTo(ObjectStore.nameOf(exact));
            List<PackedBlob> header = PackReader.readHeader(KEYRING, exact);
            assertThat(header).containsExactlyElementsOf(pack.blobs());
            List<byte[]> read = new ArrayList<>();
            for (PackedBlob blob : header) {
                read.add(PackReader.openBlob(KEYRING, pack.sealerHeader(), blob, exact,
                        blob.offset()));
            }
            assertThat(read).containsExactlyInAnyOrderElementsOf(blobs);
        }
    }

    @Property(tries = 300)
    void arbitraryBytesGiveOnlyFormatErrors(@ForAll @Size(max = 400) byte[] bytes) {
        Random random = new Random(bytes.length);
        byte[] withMagic = bytes.clone();
        if (withMagic.length > 8 && random.nextBoolean()) {
            System.arraycopy(PackWriter.MAGIC, 0, withMagic, withMagic.length - 4, 4);
        }
        try {
            PackReader.readHeader(KEYRING, withMagic);
        } catch (PackReader.PackFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
