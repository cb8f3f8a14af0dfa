package dev.holdfast.repository.pack;

import dev.holdfast.crypto.Keyring;
import dev.holdfast.crypto.Purpose;
import dev.holdfast.crypto.Sealer;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Collects framed blobs and turns them into one pack. Blobs are shuffled before sealing so that
 * their order in the pack reveals nothing about their order in the files. Not thread-safe.
 *
 * <p>Layout: sealer header, the sealed blobs, the sealed pack header, the sealed header's length
 * as u32 big-endian, and the magic {@code HFPK}. Each blob is sealed with its offset as the part
 * number and its type and ID as additional data; the header with part {@link #HEADER_PART}.
 *
 * <p>Frames wait for {@link #finish} in one staging buffer that the writer keeps from pack to
 * pack, in the order they came. A separate array per frame lived until its pack was sealed, so
 * the collector moved every frame into the old generation and then had to run full
 * collections to free them.
 */
public final class PackWriter {
    public static final long HEADER_PART = Long.MAX_VALUE;
    public static final byte[] MAGIC = {'H', 'F', 'P', 'K'};
    public static final int TRAILER = 8;
    static final int ENTRY = 1 + BlobId.LENGTH + 4 + 4;
    static final int SEAL_OVERHEAD = 16;
    /**
     * Largest target of a tree pack. A tree writer's buffer grows to its target, and a backup of
     * 200,000 small files filled a 16 MiB one, which together with the data pack and its upload
     * ran the launcher's 128 MiB heap out. Readers keep whole tree packs in memory too, so small
     * tree packs also bound what a restore or a backup's walk of its parent keeps.
     */
    public static final int TREE_PACK_TARGET = 4 * 1024 * 1024;
    /** First staging size, so that a writer given few blobs, such as one of trees, stays small. */
    private static final int INITIAL_STAGING = 64 * 1024;

    private final Keyring keyring;
    private final SecureRandom random;
    private final int expectedSize;
    private final List<Pending> pending = new ArrayList<>();
    private byte[] staging = new byte[0];
    private int staged;
    private long size;

    /** A blob waiting in the staging buffer: its frame is {@code length} bytes at {@code at}. */
    private record Pending(BlobType type, BlobId id, int at, int length, int plainLength) {
    }

    /** Creates a writer whose staging buffer grows as packs need; see the other constructor. */
    public PackWriter(Keyring keyring, SecureRandom random) {
        this(keyring, random, 0);
    }

    /**
     * @param expectedSize the pack size that the caller finishes packs at, to which the staging
     *     buffer grows in one step once it is needed; 0 when unknown
     */
    public PackWriter(Keyring keyring, SecureRandom random, int expectedSize) {
        this.keyring = keyring;
        this.random = random;
        this.expectedSize = expectedSize;
    }

    /** Adds a framed blob (see {@link BlobFrame}) of {@code plainLength} plaintext bytes. */
    public void add(BlobType type, BlobId id, byte[] frame, int plainLength) {
        int at = reserve(frame.length);
        System.arraycopy(frame, 0, staging, at, frame.length);
        added(new Pending(type, id, at, frame.length, plainLength));
    }

    /** Adds a blob that {@link BlobFrame#prepare} framed, copying its frame at once. */
    public void add(BlobType type, BlobId id, BlobFrame.Encoded frame, int plainLength) {
        int length = frame.frameLength();
        int at = reserve(length);
        frame.writeTo(staging, at);
        added(new Pending(type, id, at, length, plainLength));
    }

    private void added(Pending blob) {
        pending.add(blob);
        staged += blob.length;
        size += blob.length + SEAL_OVERHEAD + ENTRY;
    }

    /** Returns where a frame of {@code length} bytes goes, growing the staging buffer first. */
    private int reserve(int length) {
        int needed = Math.addExact(staged, length);
        if (needed > staging.length) {
            staging = Arrays.copyOf(staging, Math.max(needed, grownLength()));
        }
        return staged;
    }

    /**
     * Returns the staging length to grow to: double, but no further than the expected pack
     * size, and past that by an eighth, since only the frame that fills a pack lands there.
     */
    private int grownLength() {
        long length = staging.length;
        long doubled = Math.max(INITIAL_STAGING, 2 * length);
        if (length < expectedSize) {
            return (int) Math.min(doubled, expectedSize);
        }
        return (int) Math.min(expectedSize > 0 ? length + length / 8 : doubled,
                Integer.MAX_VALUE - 8);
    }

    /**
     * Returns whether {@code frame} fits in the pack without taking its {@link #size()} past
     * {@code target}; any frame fits an empty pack.
     */
    public boolean fits(BlobFrame.Encoded frame, long target) {
        return pending.isEmpty()
                || size + frame.frameLength() + SEAL_OVERHEAD + ENTRY <= target;
    }

    /** Returns the size that closes a pack of {@code type}, given the data pack target. */
    public static int target(BlobType type, int packTarget) {
        return type == BlobType.TREE ? Math.min(packTarget, TREE_PACK_TARGET) : packTarget;
    }

    /** Returns the length of a finished pack whose {@link #size()} was {@code size}. */
    public static int packLength(long size) {
        return Math.toIntExact(size + Sealer.headerLength() + 4 + SEAL_OVERHEAD + TRAILER);
    }

    /**
     * Returns the size the pack would have now: its frames, with per blob the seal overhead
     * and the header entry.
     */
    public long size() {
        return size;
    }

    public int count() {
        return pending.size();
    }

    /**
     * Shuffles, seals and lays out the blobs added so far in a new array of the pack's size,
     * then starts a new empty pack.
     */
    public FinishedPack finish() {
        return finish(byte[]::new);
    }

    /**
     * Finishes the pack like {@link #finish()}, but into the array that {@code buffers} returns
     * for the pack's length, which may be longer, so that the caller can reuse one buffer.
     */
    public FinishedPack finish(IntFunction<byte[]> buffers) {
        Collections.shuffle(pending, random);
        Sealer sealer = Sealer.create(keyring, Purpose.PACK);
        byte[] sealerHeader = sealer.header();
        int length = packLength(size);
        byte[] bytes = buffers.apply(length);
        System.arraycopy(sealerHeader, 0, bytes, 0, sealerHeader.length);
        int offset = sealerHeader.length;
        List<PackedBlob> blobs = new ArrayList<>(pending.size());
        for (Pending blob : pending) {
            int sealed = sealer.sealInto(offset, additionalData(blob.type, blob.id), staging,
                    blob.at, blob.length, bytes, offset);
            blobs.add(new PackedBlob(blob.type, blob.id, offset, sealed, blob.plainLength));
            offset += sealed;
        }
        byte[] header = encodeHeader(blobs);
        byte[] sealedHeader = sealer.seal(HEADER_PART, new byte[0], header, 0, header.length);
        System.arraycopy(sealedHeader, 0, bytes, offset, sealedHeader.length);
        offset += sealedHeader.length;
        ByteBuffer.wrap(bytes, offset, TRAILER).putInt(sealedHeader.length).put(MAGIC);
        pending.clear();
        staged = 0;
        size = 0;
        return new FinishedPack(bytes, length, sealerHeader, List.copyOf(blobs));
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
