package dev.holdfast.repository.placement;

import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.storage.ObjectInfo;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.StorageException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The objects that one provider lists, with their sizes. Locks are left out: they come and go
 * with every command and are no part of what placement keeps.
 */
final class Inventory {
    private static final Logger LOG = LoggerFactory.getLogger(Inventory.class);

    private final Map<String, Long> sizes;

    private Inventory(Map<String, Long> sizes) {
        this.sizes = sizes;
    }

    static Inventory of(Provider provider) throws StorageException {
        Map<String, Long> sizes = new HashMap<>();
        provider.list("", info -> add(sizes, info));
        return new Inventory(sizes);
    }

    /**
     * Lists every provider, in order. A provider whose listing fails is left out of the result
     * and put in {@code unreachable} with its error, so that it does not hide the others.
     *
     * @param operation the command, for the warning logged about a failed listing
     */
    static Map<Provider, Inventory> ofEach(List<Provider> providers,
            Map<String, String> unreachable, String operation) {
        Map<Provider, Inventory> inventories = new LinkedHashMap<>();
        for (Provider provider : providers) {
            try {
                inventories.put(provider, of(provider));
            } catch (StorageException e) {
                unreachable.put(provider.name(), e.getMessage());
                LOG.warn("{}: listing provider \"{}\" failed, skipping it: {}", operation,
                        provider.name(), e.getMessage());
            }
        }
        return inventories;
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
