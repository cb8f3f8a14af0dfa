package dev.holdfast.repository.pack;

import dev.holdfast.crypto.Keyring;
import dev.holdfast.crypto.Purpose;
import dev.holdfast.crypto.Sealer;
import dev.holdfast.repository.objects.ObjectStore;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Collects framed blobs and turns them into one pack. Blobs are shuffled before sealing so that
 * their order in the pack reveals nothing about their order in the files. Not thread-safe.
 *
 * <p>Layout: sealer header, the sealed blobs, the sealed pack header, the sealed header's length
 * as u32 big-endian, and the magic {@code HFPK}. Each blob is sealed with its offset as the part
 * number and its type and ID as additional data; the header with part {@link #HEADER_PART}.
 */
public final class PackWriter {
    public static final long HEADER_PART = Long.MAX_VALUE;
    public static final byte[] MAGIC = {'H', 'F', 'P', 'K'};
    public static final int TRAILER = 8;
    static final int ENTRY = 1 + BlobId.LENGTH + 4 + 4;
    static final int SEAL_OVERHEAD = 16;

    private final Keyring keyring;
    private final SecureRandom random;
    private final List<Pending> pending = new ArrayList<>();
    private long size;

    private record Pending(BlobType type, BlobId id, byte[] frame, int plainLength) {
    }

    public PackWriter(Keyring keyring, SecureRandom random) {
        this.keyring = keyring;
        this.random = random;
    }

    /** Adds a framed blob (see {@link BlobFrame}) of {@code plainLength} plaintext bytes. */
    public void add(BlobType type, BlobId id, byte[] frame, int plainLength) {
        pending.add(new Pending(type, id, frame, plainLength));
        size += frame.length + SEAL_OVERHEAD + ENTRY;
    }

    /** Returns the approximate size the pack would have now. */
    public long size() {
        return size;
    }

    public int count() {
        return pending.size();
    }

    /** Shuffles, seals and lays out the blobs added so far, then starts a new empty pack. */
    public FinishedPack finish() {
        Collections.shuffle(pending, random);
        Sealer sealer = Sealer.create(keyring, Purpose.PACK);
        byte[] sealerHeader = sealer.header();
        long blobBytes = 0;
        for (Pending blob : pending) {
            blobBytes += blob.frame.length + SEAL_OVERHEAD;
        }
        int headerLength = 4 + pending.size() * ENTRY + SEAL_OVERHEAD;
        // One exact allocation: a growing buffer would copy a 16 MiB pack several times.
        byte[] bytes = new byte[Math.toIntExact(sealerHeader.length + blobBytes + headerLength + TRAILER)];
        System.arraycopy(sealerHeader, 0, bytes, 0, sealerHeader.length);
        int offset = sealerHeader.length;
        List<PackedBlob> blobs = new ArrayList<>(pending.size());
        for (int i = 0; i < pending.size(); i++) {
            Pending blob = pending.get(i);
            // Dropped as it is sealed, so a collection meanwhile frees the frames already copied.
            pending.set(i, null);
            int sealed = sealer.sealInto(offset, additionalData(blob.type, blob.id), blob.frame, 0,
                    blob.frame.length, bytes, offset);
            blobs.add(new PackedBlob(blob.type, blob.id, offset, sealed, blob.plainLength));
            offset += sealed;
        }
        byte[] header = encodeHeader(blobs);
        byte[] sealedHeader = sealer.seal(HEADER_PART, new byte[0], header, 0, header.length);
        System.arraycopy(sealedHeader, 0, bytes, offset, sealedHeader.length);
        offset += sealedHeader.length;
        ByteBuffer.wrap(bytes, offset, TRAILER).putInt(sealedHeader.length).put(MAGIC);
        pending.clear();
        size = 0;
        return new FinishedPack(ObjectStore.nameOf(bytes), bytes, sealerHeader, List.copyOf(blobs));
    }

    /** Additional data that binds a sealed blob to its type and content ID. */
    static byte[] additionalData(BlobType type, BlobId id) {
        byte[] data = new byte[1 + BlobId.LENGTH];
        data[0] = (byte) type.code();
        id.copyTo(data, 1);
        return data;
    }

    static byte[] encodeHeader(List<PackedBlob> blobs) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + blobs.size() * ENTRY);
        buffer.putInt(blobs.size());
        for (PackedBlob blob : blobs) {
            buffer.put((byte) blob.type().code());
            buffer.put(blob.id().toBytes());
            buffer.putInt(blob.sealedLength());
            buffer.putInt(blob.plainLength());
        }
        return buffer.array();
    }
}
