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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Names chunks, drops the ones the repository already has, and hands the rest to blob workers
 * that compress and frame them for the packer. A chunk that finds every blob worker busy is
 * compressed by the thread that stores it. Plaintext waiting for a worker would otherwise
 * sit in a queue long enough for the collector to move it into the old generation, which
 * then filled with dead chunks and took full collections to empty. A byte budget bounds the
 * plaintext handed on and not yet packed, which keeps a backup's memory flat whatever the
 * size of the source.
 *
 * <p>The first failure, an {@link Error} included, fails every later call: it is recorded,
 * and it releases a whole budget so that no thread waits for permits that a dead task would
 * have returned.
 */
final class BlobSink {
    private final Index index;
    private final Packer packer;
    private final ThreadLocal<ContentIdFunction> contentIds;
    /**
     * Compression contexts with their output buffers, one per blob worker, shared by every
     * thread that compresses. A storing thread that compresses a chunk itself thus waits for a
     * free one rather than add a zstd context and a buffer of a few MiB of its own.
     */
    private final BlockingQueue<BlobFrame> frames;
    /**
     * Blobs of this backup that the index does not list yet, about 100 bytes each. They leave
     * once their pack is indexed, so a large backup does not keep every new ID twice.
     */
    private final Set<BlobId> added = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers;
    private final Semaphore budget;
    private final int budgetBytes;
    /**
     * Arrays for copies of chunks, at most half a budget of them. About four chunks are in
     * flight at once, one per blob worker and one per file worker that compresses. Arrays kept
     * beyond that take heap that a backup near the launcher's limit needs elsewhere.
     */
    private final ChunkPool chunks;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    BlobSink(Keyring keyring, Index index, Packer packer, int compressionLevel, int threads,
            int budgetBytes) {
        this(keyring, index, packer, compressionLevel, threads, budgetBytes,
                new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                        new SynchronousQueue<>(),
                        Thread.ofPlatform().name("blob-", 0).daemon().factory()));
    }

    /**
     * Creates a sink whose {@code threads} blob workers are {@code workers}. A worker takes a
     * blob only when idle: {@code workers} rejects a blob that no worker is free for, as a pool
     * with a {@link SynchronousQueue} does, and the storing thread then compresses it itself.
     */
    BlobSink(Keyring keyring, Index index, Packer packer, int compressionLevel, int threads,
            int budgetBytes, ExecutorService workers) {
        this.index = index;
        this.packer = packer;
        this.contentIds = ThreadLocal.withInitial(keyring::contentIds);
        this.frames = new ArrayBlockingQueue<>(threads);
        for (int i = 0; i < threads; i++) {
            frames.add(new BlobFrame(compressionLevel));
        }
        this.workers = workers;
        this.budgetBytes = budgetBytes;
        this.budget = new Semaphore(budgetBytes);
        this.chunks = new ChunkPool(budgetBytes / 2);
        packer.onIndexed(this::indexed);
    }

    /** Drops the IDs of a pack that the index now lists. */
    private void indexed(IndexedPack pack) {
        for (PackedBlob blob : pack.blobs()) {
            added.remove(blob.id());
        }
    }

    BlobId id(byte[] data) {
        return id(data, 0, data.length);
    }

    /** True when the repository or this backup already stores blob {@code id}. */
    boolean known(BlobId id) {
        return index.contains(id) || added.contains(id);
    }

    /**
     * Stores {@code data} unless the repository or this backup already has it; returns its ID.
     * The sink keeps {@code data} until it is packed, so the caller must not change it.
     *
     * @throws BackupFailedException when an earlier blob failed
     */
    BlobId store(byte[] data, BlobType type) throws BackupFailedException {
        BlobId id = id(data, 0, data.length);
        if (claim(id)) {
            int cost = Math.min(data.length, budgetBytes);
            // Made before the budget is taken, so that running out of heap here leaks nothing.
            PackTask task = new PackTask(type, id, data, data.length, cost, false);
            acquire(cost);
            hand(task);
        }
        return id;
    }

    /**
     * Stores {@code length} bytes of {@code buffer} from {@code offset} like {@link #store(byte[],
     * BlobType)}, but copies them first, into a pooled array, and only when they are new: the
     * caller may reuse {@code buffer} as soon as this returns.
     */
    BlobId store(byte[] buffer, int offset, int length, BlobType type)
            throws BackupFailedException {
        BlobId id = id(buffer, offset, length);
        if (claim(id)) {
            int cost = Math.min(ChunkPool.capacity(length), budgetBytes);
            acquire(cost);
            PackTask task;
            byte[] copy = null;
            try {
                copy = chunks.take(length);
                System.arraycopy(buffer, offset, copy, 0, length);
                task = new PackTask(type, id, copy, length, cost, true);
            } catch (RuntimeException | Error e) {
                // Such as running out of heap: the array and the budget taken above go back.
                if (copy != null) {
                    chunks.give(copy);
                }
                budget.release(cost);
                fail(e);
                throw e;
            }
            hand(task);
        }
        return id;
    }

    private BlobId id(byte[] data, int offset, int length) {
        return BlobId.of(contentIds.get().compute(data, offset, length));
    }

    /**
     * Returns true when this call made {@code id} part of this backup, so the caller stores its
     * blob; false when the repository or another call has it already.
     */
    private boolean claim(BlobId id) {
        if (index.contains(id) || !added.add(id)) {
            return false;
        }
        // Its pack may have been indexed, and the ID dropped from the set, between the two
        // checks above.
        if (index.contains(id)) {
            added.remove(id);
            return false;
        }
        return true;
    }

    /** Takes {@code cost} budget bytes, and gives them back at once when the backup failed. */
    private void acquire(int cost) throws BackupFailedException {
        budget.acquireUninterruptibly(cost);
        if (failure.get() != null) {
            // Passed on, so that the next thread waiting for the budget also wakes up.
            budget.release(cost);
            throwIfFailed();
        }
    }

    /**
     * Gives {@code task} to an idle blob worker, or runs it here. Whatever is thrown before the
     * task starts releases its budget and fails the backup.
     */
    private void hand(PackTask task) throws BackupFailedException {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException busy) {
            task.run();
        } catch (RuntimeException | Error e) {
            task.cancel(e);
            throw e;
        }
        throwIfFailed();
    }

    /**
     * Frames one blob for the packer and releases its budget. It runs at most once: on a blob
     * worker, on the storing thread, or not at all when {@link #cancel} came first.
     */
    private final class PackTask implements Runnable {
        private final BlobType type;
        private final BlobId id;
        private final byte[] data;
        private final int length;
        private final int cost;
        /** Whether {@code data} came from the pool, to which it returns once packed. */
        private final boolean pooled;
        private final AtomicBoolean claimed = new AtomicBoolean();

        PackTask(BlobType type, BlobId id, byte[] data, int length, int cost, boolean pooled) {
            this.type = type;
            this.id = id;
            this.data = data;
            this.length = length;
            this.cost = cost;
            this.pooled = pooled;
        }

        @Override
        public void run() {
            if (!claimed.compareAndSet(false, true)) {
                return;
            }
            BlobFrame frame = null;
            try {
                frame = takeFrame();
                packer.add(type, id, frame.prepare(data, 0, length), length);
            } catch (BackupFailedException | RuntimeException e) {
                fail(e);
            } catch (Error e) {
                // Such as running out of heap: the backup must fail rather than wait for a
                // blob that this worker will never hand on.
                fail(e);
                throw e;
            } finally {
                if (frame != null) {
                    frames.add(frame);
                }
                // The packer copied the frame, so the array is free again.
                if (pooled) {
                    chunks.give(data);
                }
                budget.release(cost);
            }
        }

        /** Fails the backup with {@code cause} and releases the budget, unless the task ran. */
        void cancel(Throwable cause) {
            if (claimed.compareAndSet(false, true)) {
                if (pooled) {
                    chunks.give(data);
                }
                budget.release(cost);
                fail(cause);
            }
        }
    }

    /** Waits for a free compression context, keeping an interrupt for the caller to see. */
    private BlobFrame takeFrame() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return frames.take();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Records the first failure and releases a whole budget, so that threads waiting for budget
     * wake up and find it, even if a dead task never returned its share.
     */
    void fail(Throwable cause) {
        Exception recorded = cause instanceof Exception e ? e
                : new BackupFailedException(cause.toString(), cause);
        if (failure.compareAndSet(null, recorded)) {
            budget.release(budgetBytes);
        }
    }

    /** Waits until every submitted blob reached the packer. */
    void drain() throws BackupFailedException {
        acquire(budgetBytes);
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
