package dev.holdfast.repository.placement;

import dev.holdfast.repository.Progress;
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
 * damaged copy, which the next run counts as missing and writes. A run whose thread is
 * interrupted stops before the next object.
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
        return run(expected, Progress.NONE);
    }

    /**
     * Repairs every expected object and returns what was done. {@code progress} receives the
     * objects handled and their bytes as the providers list them, zero for an object that no
     * provider lists. Each damaged copy read on a provider that is no target becomes a warning.
     */
    public RepairReport run(ExpectedObjects expected, Progress progress) {
        Map<String, String> unreachable = new LinkedHashMap<>();
        Run run = new Run(Inventory.ofEach(providers, unreachable, "repair"), progress);
        long bytesTotal = expected.keys().stream().mapToLong(run::listedSize).sum();
        int done = 0;
        long bytesDone = 0;
        progress.update(0, 0, expected.size(), bytesTotal);
        for (String key : expected.keys()) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            run.repair(key, expected.check(key));
            done++;
            bytesDone += run.listedSize(key);
            progress.update(done, bytesDone, expected.size(), bytesTotal);
        }
        long bytesUnrepairable = run.unrepairable.keySet().stream().mapToLong(run::listedSize)
                .sum();
        boolean interrupted = done < expected.size() || Thread.currentThread().isInterrupted();
        return new RepairReport(done, run.copied, run.bytesCopied, run.skipped,
                run.bytesSkipped, run.replaced, run.unrepairable, bytesUnrepairable,
                unreachable, interrupted);
    }

    /** The state of one repair run. */
    private final class Run {
        final Map<Provider, Inventory> inventories;
        final Progress progress;
        final Map<String, Integer> copied = new LinkedHashMap<>();
        final Map<String, Long> bytesCopied = new LinkedHashMap<>();
        final Map<String, Integer> skipped = new LinkedHashMap<>();
        final Map<String, Long> bytesSkipped = new LinkedHashMap<>();
        final List<DamagedCopy> replaced = new ArrayList<>();
        final Map<String, String> unrepairable = new TreeMap<>();

        Run(Map<Provider, Inventory> inventories, Progress progress) {
            this.inventories = inventories;
            this.progress = progress;
            for (Provider target : targets) {
                copied.put(target.name(), 0);
                bytesCopied.put(target.name(), 0L);
                skipped.put(target.name(), 0);
                bytesSkipped.put(target.name(), 0L);
            }
        }

        /** Returns the size of the object on the first provider that lists it, or 0. */
        long listedSize(String key) {
            for (Inventory inventory : inventories.values()) {
                Long size = inventory.sizes().get(key);
                if (size != null) {
                    return size;
                }
            }
            return 0;
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
                    skipped.merge(target.name(), 1, Integer::sum);
                    bytesSkipped.merge(target.name(), (long) sound.length, Long::sum);
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
            // TODO: sources are read in configuration order and without the read timeout of
            // the replicated store, so a slow but reachable source slows every object it has.
            for (Map.Entry<Provider, Inventory> entry : inventories.entrySet()) {
                Provider provider = entry.getKey();
                if (targets.contains(provider) || !entry.getValue().has(key)) {
                    continue;
                }
                Copies.Read read = Copies.read(provider, key, check);
                if (read.sound()) {
                    return read.data();
                }
                if (read.damaged()) {
                    // The copy is on no target of this run, so it stays as it is.
                    progress.warning(key, "damaged copy on provider \"" + provider.name()
                            + "\": " + read.problem() + "; reading another copy");
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
