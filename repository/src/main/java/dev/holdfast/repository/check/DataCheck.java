package dev.holdfast.repository.check;

import dev.holdfast.crypto.ContentIdFunction;
import dev.holdfast.crypto.Keyring;
import dev.holdfast.crypto.Opener;
import dev.holdfast.repository.Progress;
import dev.holdfast.repository.index.Index;
import dev.holdfast.repository.index.IndexEntry;
import dev.holdfast.repository.objects.DamagedObjectException;
import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.repository.objects.ObjectStore;
import dev.holdfast.repository.pack.PackReader;
import dev.holdfast.repository.pack.PackReader.PackFormatException;
import dev.holdfast.repository.pack.PackedBlob;
import dev.holdfast.storage.StorageException;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/** Downloads every pack, checks its name and header, and authenticates every blob in it. */
final class DataCheck {
    private static final int PARALLEL_PACKS = 4;

    private final ObjectStore store;
    private final Keyring keyring;
    private final Index index;
    private final BiConsumer<String, String> problem;
    private final AtomicLong blobsRead = new AtomicLong();
    private final AtomicLong packsDone = new AtomicLong();
    private final AtomicLong bytesDone = new AtomicLong();

    DataCheck(ObjectStore store, Keyring keyring, Index index, BiConsumer<String, String> problem) {
        this.store = store;
        this.keyring = keyring;
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
        List<PackedBlob> blobs;
        try {
            blobs = PackReader.readHeader(keyring, pack);
        } catch (PackFormatException e) {
            problem.accept(key, e.getMessage());
            return;
        }
        ContentIdFunction ids = keyring.contentIds();
        byte[] sealerHeader = java.util.Arrays.copyOf(pack, dev.holdfast.crypto.Sealer.headerLength());
        Opener opener;
        try {
            opener = PackReader.opener(keyring, sealerHeader);
        } catch (PackFormatException e) {
            problem.accept(key, e.getMessage());
            return;
        }
        for (PackedBlob blob : blobs) {
            checkBlob(key, name, pack, opener, blob, ids);
        }
    }

    private void checkBlob(String key, String packName, byte[] pack, Opener opener, PackedBlob blob,
            ContentIdFunction ids) {
        try {
            byte[] plain = PackReader.openBlob(opener, blob, pack, blob.offset());
            blobsRead.incrementAndGet();
            if (!MessageDigest.isEqual(ids.compute(plain, 0, plain.length), blob.id().toBytes())) {
                problem.accept(key, "blob " + blob.id().hex() + " decrypts to content with another ID");
            }
        } catch (PackFormatException e) {
            problem.accept(key, e.getMessage());
            return;
        }
        IndexEntry entry = index.lookup(blob.id());
        if (entry != null && entry.packName().equals(packName) && entry.blob().offset() != blob.offset()) {
            problem.accept(key, "blob " + blob.id().hex() + " sits at offset " + blob.offset()
                    + " but the index says " + entry.blob().offset());
        }
    }

}
