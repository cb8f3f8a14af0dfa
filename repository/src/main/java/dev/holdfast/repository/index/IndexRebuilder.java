package dev.holdfast.repository.index;

import dev.holdfast.crypto.Keyring;
import dev.holdfast.crypto.Sealer;
import dev.holdfast.repository.Progress;
import dev.holdfast.repository.objects.DamagedObjectException;
import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.repository.objects.ObjectStore;
import dev.holdfast.repository.pack.PackReader;
import dev.holdfast.repository.pack.PackReader.PackFormatException;
import dev.holdfast.storage.StorageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes index files for every pack that no readable index file lists, from the headers of the
 * packs themselves, then removes the index files that are damaged. Packs left unindexed by an
 * interrupted backup become usable again the same way.
 */
public final class IndexRebuilder {
    private static final int PACKS_PER_FILE = 64;

    /** Outcome of a rebuild: packs indexed anew, damaged index files removed, unreadable packs. */
    public record Result(int packsIndexed, List<String> removedIndexFiles, List<String> unreadablePacks) {
    }

    private final ObjectStore store;
    private final Keyring keyring;

    public IndexRebuilder(ObjectStore store, Keyring keyring) {
        this.store = store;
        this.keyring = keyring;
    }

    public Result run(Progress progress) throws StorageException {
        IndexLoader.Result loaded = IndexLoader.load(store, keyring);
        List<String> missing = new ArrayList<>();
        for (String pack : store.list(ObjectKind.PACK)) {
            if (!loaded.index().hasPack(pack)) {
                missing.add(pack);
            }
        }
        List<IndexedPack> batch = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        int indexed = 0;
        for (String name : missing) {
            IndexedPack pack = readPack(name, unreadable);
            if (pack != null) {
                batch.add(pack);
                indexed++;
            }
            if (batch.size() == PACKS_PER_FILE) {
                store.put(ObjectKind.INDEX, IndexFile.seal(keyring, batch));
                batch.clear();
            }
            progress.update(indexed, 0, missing.size(), -1);
        }
        if (!batch.isEmpty()) {
            store.put(ObjectKind.INDEX, IndexFile.seal(keyring, batch));
        }
        return new Result(indexed, removeDamaged(loaded), unreadable);
    }

    private IndexedPack readPack(String name, List<String> unreadable) throws StorageException {
        try {
            byte[] pack = store.get(ObjectKind.PACK, name);
            byte[] sealerHeader = Arrays.copyOf(pack, Sealer.headerLength());
            return new IndexedPack(name, sealerHeader, PackReader.readHeader(keyring, pack));
        } catch (DamagedObjectException | PackFormatException e) {
            unreadable.add(ObjectKind.PACK.key(name) + ": " + e.getMessage());
            return null;
        }
    }

    /**
     * Removes index files that failed to authenticate or to hash to their name. Every pack they
     * listed is either listed by a readable index file or was just indexed from its header, so
     * nothing they held is lost. Files that failed for a storage error are kept.
     */
    private List<String> removeDamaged(IndexLoader.Result loaded) throws StorageException {
        List<String> removed = new ArrayList<>();
        for (IndexLoader.Failure failure : loaded.failures()) {
            if (failure.damaged()) {
                store.provider().delete(failure.object());
                removed.add(failure.object());
            }
        }
        return removed;
    }
}
