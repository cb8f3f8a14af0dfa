package dev.holdfast.repository.check;

import dev.holdfast.crypto.Keyring;
import dev.holdfast.repository.Progress;
import dev.holdfast.repository.index.Index;
import dev.holdfast.repository.index.IndexEntry;
import dev.holdfast.repository.objects.DamagedObjectException;
import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.repository.objects.ObjectStore;
import dev.holdfast.repository.pack.PackedBlob;
import dev.holdfast.storage.StorageException;
import java.util.Collection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/** Downloads every pack, checks its name and header, and authenticates every blob in it. */
final class DataCheck {
    private static final int PARALLEL_PACKS = 4;

    private final ObjectStore store;
    private final PackVerifier verifier;
    private final Index index;
    private final BiConsumer<String, String> problem;
    private final AtomicLong blobsRead = new AtomicLong();
    private final AtomicLong packsDone = new AtomicLong();
    private final AtomicLong bytesDone = new AtomicLong();

    DataCheck(ObjectStore store, Keyring keyring, Index index, BiConsumer<String, String> problem) {
        this.store = store;
        this.verifier = new PackVerifier(keyring);
        this.index = index;
        this.problem = problem;
    }

    long run(Collection<String> packs, Progress progress) {
        Semaphore permits = new Semaphore(PARALLEL_PACKS);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String pack : packs) {
                permits.acquireUninterruptibly();
                executor.submit(() -> {
                    try {
                        checkPack(pack);
                    } finally {
                        permits.release();
                        progress.update(packsDone.incrementAndGet(), bytesDone.get(), packs.size(), -1);
                    }
                });
            }
        }
        return blobsRead.get();
    }

    private void checkPack(String name) {
        String key = ObjectKind.PACK.key(name);
        byte[] pack;
        try {
            pack = store.get(ObjectKind.PACK, name);
        } catch (StorageException | DamagedObjectException e) {
            problem.accept(key, e.getMessage());
            return;
        }
        bytesDone.addAndGet(pack.length);
        verifier.verify(pack, blob -> checkOffset(key, name, blob),
                message -> problem.accept(key, message));
    }

    private void checkOffset(String key, String packName, PackedBlob blob) {
        blobsRead.incrementAndGet();
        IndexEntry entry = index.lookup(blob.id());
        if (entry != null && entry.packName().equals(packName) && entry.blob().offset() != blob.offset()) {
            problem.accept(key, "blob " + blob.id().hex() + " sits at offset " + blob.offset()
                    + " but the index says " + entry.blob().offset());
        }
    }
}
