package dev.holdfast.repository.backup;

import dev.holdfast.crypto.ContentIdFunction;
import dev.holdfast.crypto.Keyring;
import dev.holdfast.repository.index.Index;
import dev.holdfast.repository.index.IndexedPack;
import dev.holdfast.repository.pack.BlobFrame;
import dev.holdfast.repository.pack.BlobId;
import dev.holdfast.repository.pack.BlobType;
import dev.holdfast.repository.pack.PackedBlob;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Names chunks, drops the ones the repository already has, and hands the rest to blob workers
 * that compress and frame them for the packer. Plaintext waiting for a worker is bounded by a
 * byte budget, which is what keeps a backup's memory flat whatever the size of the source.
 */
final class BlobSink {
    private final Index index;
    private final Packer packer;
    private final ThreadLocal<ContentIdFunction> contentIds;
    private final ThreadLocal<BlobFrame> frames;
    /**
     * Blobs of this backup that the index does not list yet, about 100 bytes each. They leave
     * once their pack is indexed, so a large backup does not keep every new ID twice.
     */
    private final Set<BlobId> added = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers;
    private final Semaphore budget;
    private final int budgetBytes;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    BlobSink(Keyring keyring, Index index, Packer packer, int compressionLevel, int threads, int budgetBytes) {
        this.index = index;
        this.packer = packer;
        this.contentIds = ThreadLocal.withInitial(keyring::contentIds);
        this.frames = ThreadLocal.withInitial(() -> new BlobFrame(compressionLevel));
        this.workers = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("blob-", 0).daemon()
                .factory());
        this.budgetBytes = budgetBytes;
        this.budget = new Semaphore(budgetBytes);
        packer.onIndexed(this::indexed);
    }

    /** Drops the IDs of a pack that the index now lists. */
    private void indexed(IndexedPack pack) {
        for (PackedBlob blob : pack.blobs()) {
            added.remove(blob.id());
        }
    }

    BlobId id(byte[] data) {
        return BlobId.of(contentIds.get().compute(data, 0, data.length));
    }

    /** True when the repository or this backup already stores blob {@code id}. */
    boolean known(BlobId id) {
        return index.contains(id) || added.contains(id);
    }

    /** Stores {@code data} unless the repository or this backup already has it; returns its ID. */
    BlobId store(byte[] data, BlobType type) throws BackupFailedException {
        BlobId id = id(data);
        if (index.contains(id) || !added.add(id)) {
            return id;
        }
        // Its pack may have been indexed, and the ID dropped from the set, between the two
        // checks above.
        if (index.contains(id)) {
            added.remove(id);
            return id;
        }
        int cost = Math.min(data.length, budgetBytes);
        budget.acquireUninterruptibly(cost);
        throwIfFailed();
        workers.execute(() -> {
            try {
                packer.add(type, id, frames.get().encode(data, 0, data.length), data.length);
            } catch (BackupFailedException | RuntimeException e) {
                failure.compareAndSet(null, e);
            } catch (Error e) {
                // Such as running out of heap: the backup must fail rather than wait for a
                // blob that this worker will never hand on.
                failure.compareAndSet(null, new BackupFailedException(
                        "a blob worker stopped: " + e, e));
                throw e;
            } finally {
                budget.release(cost);
            }
        });
        return id;
    }

    /** Waits until every submitted blob reached the packer. */
    void drain() throws BackupFailedException {
        budget.acquireUninterruptibly(budgetBytes);
        budget.release(budgetBytes);
        throwIfFailed();
    }

    private void throwIfFailed() throws BackupFailedException {
        Exception e = failure.get();
        if (e != null) {
            throw new BackupFailedException("storing a blob failed: " + e.getMessage(), e);
        }
    }

    void close() throws InterruptedException {
        workers.shutdown();
        workers.awaitTermination(1, TimeUnit.MINUTES);
    }
}
