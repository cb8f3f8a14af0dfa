package dev.holdfast.repository.backup;

import dev.holdfast.crypto.Keyring;
import dev.holdfast.repository.index.Index;
import dev.holdfast.repository.index.IndexFile;
import dev.holdfast.repository.index.IndexedPack;
import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.repository.objects.ObjectStore;
import dev.holdfast.repository.pack.BlobFrame;
import dev.holdfast.repository.pack.BlobId;
import dev.holdfast.repository.pack.BlobType;
import dev.holdfast.repository.pack.FinishedPack;
import dev.holdfast.repository.pack.PackWriter;
import dev.holdfast.storage.StorageException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Fills packs with framed blobs, keeping data and trees apart so that reading trees never
 * downloads file content. Full packs are uploaded in the background, and an index file is
 * written every few packs, so a backup that dies keeps most of what it uploaded. Thread-safe.
 */
final class Packer {
    /** Packs per index checkpoint: at most this many uploaded packs are lost to a crash. */
    private static final int PACKS_PER_INDEX = 8;
    /**
     * Blobs per index checkpoint. Until its index file is written, each blob of an uploaded
     * pack costs about 200 bytes of heap here and in the blob sink. Eight packs of blobs of
     * 600 bytes held 190,000, and ran a backup out of the launcher's 128 MiB heap.
     */
    private static final int BLOBS_PER_INDEX = 16_384;
    /**
     * Packs uploading at once. One keeps a local disk busy, and each more costs a pack of memory:
     * with two, a backup under CPU load ran out of the launcher's 128 MiB heap.
     */
    // TODO: a remote provider needs several uploads at once to hide its latency; size this
    // per provider rather than for all.
    private static final int PARALLEL_UPLOADS = 1;

    private final ObjectStore store;
    private final Keyring keyring;
    private final Index index;
    private final int packTarget;
    private final SecureRandom random = new SecureRandom();
    private final PackWriter dataWriter;
    private final PackWriter treeWriter;
    private final ExecutorService uploads = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore uploadSlots = new Semaphore(PARALLEL_UPLOADS);
    /**
     * Buffers of uploaded packs, for the next packs to be sealed into; at most one per upload
     * slot. A new array per pack lived until its upload ended, so the collector mostly moved
     * it into the old generation, and freeing it there took a full collection.
     */
    private final Queue<byte[]> spareBuffers = new ConcurrentLinkedQueue<>();
    private final List<IndexedPack> unindexed = new ArrayList<>();
    private int unindexedBlobs;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final AtomicLong bytesUploaded = new AtomicLong();
    private final AtomicLong blobsAdded = new AtomicLong();
    private volatile Consumer<IndexedPack> indexed = pack -> { };

    Packer(ObjectStore store, Keyring keyring, Index index, int packTarget) {
        this.store = store;
        this.keyring = keyring;
        this.index = index;
        this.packTarget = packTarget;
        this.dataWriter = new PackWriter(keyring, random, packTarget);
        this.treeWriter = new PackWriter(keyring, random,
                PackWriter.target(BlobType.TREE, packTarget));
    }

    /** Calls {@code listener} with each pack once the repository's index lists it. */
    void onIndexed(Consumer<IndexedPack> listener) {
        this.indexed = listener;
    }

    /**
     * Adds a framed blob. A pack is closed before a blob that would take it past the target
     * size, so that no pack buffer needs more than the target (unless one blob is larger),
     * and uploaded in the background. A full pack waits for an upload slot before it is
     * sealed, and adders wait meanwhile, so at most one filling pack and
     * {@link #PARALLEL_UPLOADS} uploading ones are in memory.
     */
    void add(BlobType type, BlobId id, BlobFrame.Encoded frame, int plainLength)
            throws BackupFailedException {
        throwIfFailed();
        PackWriter writer = type == BlobType.TREE ? treeWriter : dataWriter;
        int target = PackWriter.target(type, packTarget);
        synchronized (writer) {
            if (!writer.fits(frame, target)) {
                seal(writer);
            }
            writer.add(type, id, frame, plainLength);
            blobsAdded.incrementAndGet();
            if (writer.size() >= target) {
                seal(writer);
            }
        }
    }

    /** Seals the pack of {@code writer} and starts its upload; the caller holds its lock. */
    private void seal(PackWriter writer) {
        uploadSlots.acquireUninterruptibly();
        FinishedPack pack;
        try {
            pack = writer.finish(this::packBuffer);
        } catch (RuntimeException | Error e) {
            // A slot kept here would leave every later adder waiting for it forever.
            uploadSlots.release();
            throw e;
        }
        upload(pack);
    }

    /**
     * Uploads {@code pack} in the background; the caller has taken an upload slot for it. Any
     * failure, an {@link Error} included, is recorded, so that the backup fails rather than
     * write an index without the pack, and the slot is released in every case.
     */
    private void upload(FinishedPack pack) {
        Runnable task = () -> {
            try {
                String name = pack.name();
                store.provider().putIfAbsent(ObjectKind.PACK.key(name), pack.bytes(),
                        pack.length());
                bytesUploaded.addAndGet(pack.length());
                packUploaded(new IndexedPack(name, pack.sealerHeader(), pack.blobs()));
            } catch (StorageException | RuntimeException e) {
                failure.compareAndSet(null, e);
            } catch (Error e) {
                fail(e);
                throw e;
            } finally {
                spareBuffers.offer(pack.bytes());
                uploadSlots.release();
            }
        };
        try {
            uploads.execute(task);
        } catch (RuntimeException | Error e) {
            // The task never runs, so its slot is released here.
            uploadSlots.release();
            fail(e);
            throw e;
        }
    }

    /**
     * Returns a buffer of at least {@code length} bytes for a pack; the caller has taken an
     * upload slot. A new buffer fits a pack of the target size, which most packs come close to.
     */
    private byte[] packBuffer(int length) {
        byte[] spare = spareBuffers.poll();
        if (spare != null && spare.length >= length) {
            return spare;
        }
        return new byte[Math.max(length, PackWriter.packLength(packTarget))];
    }

    /** Records {@code cause} as the failure of this backup unless an earlier one was. */
    private void fail(Throwable cause) {
        failure.compareAndSet(null, cause instanceof Exception e ? e
                : new BackupFailedException(cause.toString(), cause));
    }

    private void packUploaded(IndexedPack pack) throws StorageException {
        List<IndexedPack> checkpoint = null;
        synchronized (unindexed) {
            unindexed.add(pack);
            unindexedBlobs += pack.blobs().size();
            if (unindexed.size() >= PACKS_PER_INDEX || unindexedBlobs >= BLOBS_PER_INDEX) {
                checkpoint = new ArrayList<>(unindexed);
                unindexed.clear();
                unindexedBlobs = 0;
            }
        }
        if (checkpoint != null) {
            writeIndex(checkpoint);
        }
    }

    private void writeIndex(List<IndexedPack> packs) throws StorageException {
        byte[] sealed = IndexFile.seal(keyring, packs);
        store.put(ObjectKind.INDEX, sealed);
        bytesUploaded.addAndGet(sealed.length);
        for (IndexedPack pack : packs) {
            index.addPack(pack);
            indexed.accept(pack);
        }
    }

    /** Uploads the partly filled packs, waits for every upload and writes the last index file. */
    void flush() throws BackupFailedException {
        for (PackWriter writer : List.of(dataWriter, treeWriter)) {
            synchronized (writer) {
                if (writer.count() > 0) {
                    seal(writer);
                }
            }
        }
        uploadSlots.acquireUninterruptibly(PARALLEL_UPLOADS);
        uploadSlots.release(PARALLEL_UPLOADS);
        throwIfFailed();
        List<IndexedPack> rest;
        synchronized (unindexed) {
            rest = new ArrayList<>(unindexed);
            unindexed.clear();
            unindexedBlobs = 0;
        }
        if (!rest.isEmpty()) {
            try {
                writeIndex(rest);
            } catch (StorageException e) {
                throw new BackupFailedException("writing the index failed: " + e.getMessage(), e);
            }
        }
    }

    private void throwIfFailed() throws BackupFailedException {
        Exception e = failure.get();
        if (e != null) {
            throw new BackupFailedException("uploading a pack failed: " + e.getMessage(), e);
        }
    }

    long bytesUploaded() {
        return bytesUploaded.get();
    }

    long blobsAdded() {
        return blobsAdded.get();
    }

    void close() {
        uploads.shutdownNow();
    }
}
