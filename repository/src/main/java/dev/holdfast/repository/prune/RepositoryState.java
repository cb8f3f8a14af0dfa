package dev.holdfast.repository.prune;

import dev.holdfast.crypto.Keyring;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.RepositoryException.Reason;
import dev.holdfast.repository.index.Index;
import dev.holdfast.repository.index.IndexFile;
import dev.holdfast.repository.index.IndexFile.IndexFormatException;
import dev.holdfast.repository.index.IndexedPack;
import dev.holdfast.repository.objects.DamagedObjectException;
import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.repository.objects.ObjectStore;
import dev.holdfast.storage.ObjectInfo;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.StorageException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * What the repository held when prune looked: every index file with the packs it lists, the
 * packs that providers list with their sizes, the snapshot names, and the object-lock dates.
 * Unlike the in-memory index, it keeps which file lists which pack and every copy of a blob.
 * Its per-blob part is the packs' compact blob lists of {@link IndexFile}; anything kept per
 * blob beside them limits the repositories that prune can handle in the launcher's heap.
 */
final class RepositoryState {
    private static final int PARALLEL_READS = 16;
    static final List<String> LOCKED_PREFIXES = List.of(ObjectKind.PACK.prefix(),
            ObjectKind.INDEX.prefix(), ObjectKind.SNAPSHOT.prefix(),
            ObjectKind.REPLICATED.prefix());

    /** Index file name to the packs it lists, sorted by name. */
    final Map<String, List<IndexedPack>> indexFiles;
    /** Every indexed pack by name; a pack that several files list appears once. */
    final Map<String, IndexedPack> indexedPacks = new LinkedHashMap<>();
    /** Each indexed pack's index files. */
    final Map<String, Set<String>> filesOfPack = new HashMap<>();
    /** Every pack that a provider lists, with its size. */
    final Map<String, Long> packSizes;
    final Set<String> snapshots;
    final ObjectLocks locks;

    private RepositoryState(Map<String, List<IndexedPack>> indexFiles, Map<String, Long> packSizes,
            Set<String> snapshots, ObjectLocks locks) {
        this.indexFiles = indexFiles;
        this.packSizes = packSizes;
        this.snapshots = snapshots;
        this.locks = locks;
        indexFiles.forEach((file, packs) -> {
            for (IndexedPack pack : packs) {
                filesOfPack.computeIfAbsent(pack.name(), k -> new LinkedHashSet<>()).add(file);
                indexedPacks.putIfAbsent(pack.name(), pack);
            }
        });
    }

    /**
     * Reads the state. Every index file must be readable: a pack that only an unreadable file
     * lists would look unindexed and be deleted.
     */
    static RepositoryState read(ObjectStore store, Keyring keyring, List<Provider> providers,
            Instant now) throws RepositoryException {
        try {
            Map<String, List<IndexedPack>> files = readIndexFiles(store, keyring);
            Map<String, Long> sizes = new HashMap<>();
            for (ObjectInfo info : store.listInfo(ObjectKind.PACK)) {
                sizes.put(ObjectKind.PACK.nameOf(info.key()), info.size());
            }
            Set<String> snapshots = new LinkedHashSet<>(store.list(ObjectKind.SNAPSHOT));
            ObjectLocks locks = ObjectLocks.survey(providers, LOCKED_PREFIXES, now);
            return new RepositoryState(files, sizes, snapshots, locks);
        } catch (StorageException e) {
            throw new RepositoryException(Reason.GENERAL, "prune: listing the repository "
                    + "failed: " + e.getMessage(), e);
        }
    }

    private static Map<String, List<IndexedPack>> readIndexFiles(ObjectStore store,
            Keyring keyring) throws StorageException, RepositoryException {
        List<String> names = store.list(ObjectKind.INDEX);
        Map<String, List<IndexedPack>> files = new ConcurrentHashMap<>();
        Map<String, String> failures = new ConcurrentHashMap<>();
        Semaphore permits = new Semaphore(PARALLEL_READS);
        List<Future<?>> tasks = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String name : names) {
                tasks.add(executor.submit(() -> {
                    permits.acquireUninterruptibly();
                    try {
                        files.put(name, IndexFile.open(keyring, store.get(ObjectKind.INDEX,
                                name)));
                    } catch (StorageException | DamagedObjectException
                            | IndexFormatException e) {
                        failures.put(ObjectKind.INDEX.key(name), e.getMessage());
                    } finally {
                        permits.release();
                    }
                }));
            }
        }
        if (!failures.isEmpty()) {
            Map.Entry<String, String> first = new TreeMap<>(failures).firstEntry();
            throw new RepositoryException(Reason.DAMAGED_DATA, "prune needs every index file, "
                    + "but " + failures.size() + " cannot be read, such as " + first.getKey()
                    + ": " + first.getValue() + ". Nothing was deleted. Run `holdfast check`, "
                    + "and `holdfast rebuild-index` for damaged index files, then prune again");
        }
        return new TreeMap<>(files);
    }

    /** Returns an in-memory index of every indexed pack, for reading trees. */
    Index index() {
        Index index = new Index();
        indexedPacks.values().forEach(index::addPack);
        return index;
    }

    boolean indexed(String pack) {
        return indexedPacks.containsKey(pack);
    }

    long size(String pack) {
        return packSizes.getOrDefault(pack, 0L);
    }

    /** Returns when the object under {@code key} becomes deletable, or null when it is now. */
    Instant lockedUntil(String key) {
        return locks.lockedUntil(key).orElse(null);
    }
}
