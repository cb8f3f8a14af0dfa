package dev.holdfast.repository.placement;

import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.storage.ObjectInfo;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.StorageException;
import java.util.HashMap;
import java.util.Map;

/**
 * The objects that one provider lists, with their sizes. Locks are left out: they come and go
 * with every command and are no part of what placement keeps.
 */
final class Inventory {
    private final Map<String, Long> sizes;

    private Inventory(Map<String, Long> sizes) {
        this.sizes = sizes;
    }

    static Inventory of(Provider provider) throws StorageException {
        Map<String, Long> sizes = new HashMap<>();
        provider.list("", info -> add(sizes, info));
        return new Inventory(sizes);
    }

    private static void add(Map<String, Long> sizes, ObjectInfo info) {
        if (!info.key().startsWith(ObjectKind.LOCK.prefix())) {
            sizes.put(info.key(), info.size());
        }
    }

    boolean has(String key) {
        return sizes.containsKey(key);
    }

    Map<String, Long> sizes() {
        return sizes;
    }
}
