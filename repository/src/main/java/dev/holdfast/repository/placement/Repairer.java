package dev.holdfast.repository.placement;

import dev.holdfast.storage.ContentCheck;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.StorageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies missing and damaged objects from a sound copy to every target provider that lacks a
 * sound copy, until placement holds.
 *
 * <p>Safety: a copy is deleted only when its bytes failed their check and a sound copy has
 * already been read into memory, so the last sound copy is never deleted. Writes are
 * put-if-absent, so a sound copy is never overwritten. Each object is finished before the next,
 * and a run decides from fresh listings, so a run that is stopped leaves at worst a deleted
 * damaged copy, which the next run counts as missing and writes.
 */
public final class Repairer {
    private static final Logger LOG = LoggerFactory.getLogger(Repairer.class);

    private final List<Provider> providers;
    private final List<Provider> targets;

    /**
     * @param providers every provider of the repository, each a possible source of sound bytes
     * @param targets the providers that placement assigns every object to
     */
    public Repairer(List<Provider> providers, List<Provider> targets) {
        this.providers = List.copyOf(providers);
        this.targets = List.copyOf(targets);
    }

    /** Repairs every expected object and returns what was done. */
    public RepairReport run(ExpectedObjects expected) {
        Map<String, String> unreachable = new LinkedHashMap<>();
        Map<Provider, Inventory> inventories = Inventory.ofEach(providers, unreachable, "repair");
        Run run = new Run(inventories);
        for (String key : expected.keys()) {
            run.repair(key, expected.check(key));
        }
        return new RepairReport(expected.size(), run.copied, run.bytesCopied, run.replaced,
                run.unrepairable, unreachable);
    }

    /** The state of one repair run. */
    private final class Run {
        final Map<Provider, Inventory> inventories;
        final Map<String, Integer> copied = new LinkedHashMap<>();
        final Map<String, Long> bytesCopied = new LinkedHashMap<>();
        final List<DamagedCopy> replaced = new ArrayList<>();
        final Map<String, String> unrepairable = new TreeMap<>();

        Run(Map<Provider, Inventory> inventories) {
            this.inventories = inventories;
            for (Provider target : targets) {
                copied.put(target.name(), 0);
                bytesCopied.put(target.name(), 0L);
            }
        }

        void repair(String key, ContentCheck check) {
            byte[] sound = null;
            List<Provider> lacking = new ArrayList<>();
            Map<Provider, String> damaged = new LinkedHashMap<>();
            for (Provider target : targets) {
                Inventory inventory = inventories.get(target);
                if (inventory == null) {
                    continue;
                }
                if (!inventory.has(key)) {
                    lacking.add(target);
                    continue;
                }
                Copies.Read read = Copies.read(target, key, check);
                if (read.sound()) {
                    sound = read.data();
                } else if (read.damaged()) {
                    damaged.put(target, read.problem());
                } else if (read.failure().kind() == StorageException.Kind.NOT_FOUND) {
                    lacking.add(target);
                } else {
                    // A copy that cannot be read now may be sound, so it is left alone.
                    unrepairable.put(key, "reading the copy on provider \"" + target.name()
                            + "\" failed: " + read.failure().getMessage());
                }
            }
            if (lacking.isEmpty() && damaged.isEmpty()) {
                return;
            }
            if (sound == null) {
                sound = readSoundElsewhere(key, check);
            }
            if (sound == null) {
                unrepairable.put(key, "no provider holds a sound copy");
                LOG.error("repair: no provider holds a sound copy of \"{}\"", key);
                return;
            }
            for (Map.Entry<Provider, String> copy : damaged.entrySet()) {
                replace(copy.getKey(), key, copy.getValue(), sound);
            }
            for (Provider target : lacking) {
                write(target, key, sound);
            }
        }

        /** Reads a sound copy from a provider that is not a target, or returns null. */
        private byte[] readSoundElsewhere(String key, ContentCheck check) {
            for (Map.Entry<Provider, Inventory> entry : inventories.entrySet()) {
                Provider provider = entry.getKey();
                if (targets.contains(provider) || !entry.getValue().has(key)) {
                    continue;
                }
                Copies.Read read = Copies.read(provider, key, check);
                if (read.sound()) {
                    return read.data();
                }
            }
            return null;
        }

        /**
         * Deletes a damaged copy and writes the sound bytes in its place. Drivers store objects
         * put-if-absent, so the damaged copy must go first.
         */
        private void replace(Provider target, String key, String problem, byte[] sound) {
            try {
                target.delete(key);
            } catch (StorageException e) {
                unrepairable.put(key, "deleting the damaged copy on provider \""
                        + target.name() + "\" failed: " + e.getMessage());
                return;
            }
            LOG.info("repair: deleted damaged copy of \"{}\" on provider \"{}\": {}", key,
                    target.name(), problem);
            if (write(target, key, sound)) {
                replaced.add(new DamagedCopy(target.name(), key, problem));
            }
        }

        private boolean write(Provider target, String key, byte[] sound) {
            try {
                if (target.putIfAbsent(key, sound)) {
                    copied.merge(target.name(), 1, Integer::sum);
                    bytesCopied.merge(target.name(), (long) sound.length, Long::sum);
                    LOG.info("repair: copied \"{}\" to provider \"{}\"", key, target.name());
                }
                return true;
            } catch (StorageException e) {
                unrepairable.put(key, "writing to provider \"" + target.name() + "\" failed: "
                        + e.getMessage());
                return false;
            }
        }
    }
}
