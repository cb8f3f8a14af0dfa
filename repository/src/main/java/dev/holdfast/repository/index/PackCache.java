package dev.holdfast.repository.index;

import dev.holdfast.storage.Provider;
import dev.holdfast.storage.StorageException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Whole packs recently read, so that the small blobs of one folder, which a backup writes into
 * the same few packs, cost one read per pack instead of one per blob. Readers that ask for a pack
 * being fetched wait for that fetch. Holds at most a given number of packs, the ones used
 * last. Thread-safe.
 */
final class PackCache {
    private final Provider provider;
    private final int capacity;
    private final Map<String, CompletableFuture<byte[]>> packs = new LinkedHashMap<>(8, 0.75f, true);

    PackCache(Provider provider, int capacity) {
        this.provider = provider;
        this.capacity = capacity;
    }

    /** Returns the whole pack stored under {@code key}, reading it when it is not cached. */
    byte[] get(String key) throws StorageException {
        CompletableFuture<byte[]> pack;
        boolean fetch = false;
        synchronized (packs) {
            pack = packs.get(key);
            if (pack == null) {
                pack = new CompletableFuture<>();
                packs.put(key, pack);
                fetch = true;
                var oldest = packs.keySet().iterator();
                while (packs.size() > capacity) {
                    oldest.next();
                    oldest.remove();
                }
            }
        }
        if (fetch) {
            try {
                pack.complete(provider.get(key));
            } catch (StorageException | RuntimeException e) {
                pack.completeExceptionally(e);
                synchronized (packs) {
                    packs.remove(key, pack);
                }
            }
        }
        try {
            return pack.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof StorageException storage) {
                throw storage;
            }
            throw e;
        }
    }
}
