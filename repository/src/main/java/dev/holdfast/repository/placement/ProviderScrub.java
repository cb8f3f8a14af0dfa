package dev.holdfast.repository.placement;

import dev.holdfast.repository.Progress;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.StorageException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Checks the copies on one provider by themselves: which expected objects it lacks and which
 * of its copies are damaged. Every read goes to that provider alone, so a damaged copy is found
 * even where a replicated read would have used another copy instead.
 */
public final class ProviderScrub {
    /** Reads in flight at once; enough to hide the latency of a remote provider. */
    private static final int PARALLEL_READS = 4;

    private ProviderScrub() {
    }

    /**
     * Checks the copies on {@code provider}.
     *
     * @param target whether placement assigns every expected object to the provider; on any
     *     other provider only the expected objects it lists are checked
     * @param others the repository's other providers; without {@code readData} they are listed
     *     to compare each copy's size with theirs, and one that cannot be listed is left out
     * @param readData whether to read every copy and apply its check, rather than only list
     * @throws StorageException when {@code provider} cannot be listed
     */
    public static ScrubReport run(Provider provider, boolean target, List<Provider> others,
            ExpectedObjects expected, boolean readData, Progress progress)
            throws StorageException {
        Inventory inventory = Inventory.of(provider);
        Map<Provider, Inventory> elsewhere = readData ? Map.of()
                : Inventory.ofEach(others, new HashMap<>(), "check");
        return scrub(provider, inventory, target, expected, readData, elsewhere, progress);
    }

    /** Checks the copies listed in {@code inventory}; {@code elsewhere} may be empty. */
    static ScrubReport scrub(Provider provider, Inventory inventory, boolean target,
            ExpectedObjects expected, boolean readData, Map<Provider, Inventory> elsewhere,
            Progress progress) {
        List<String> missing = new ArrayList<>();
        List<String> present = new ArrayList<>();
        for (String key : expected.keys()) {
            if (inventory.has(key)) {
                present.add(key);
            } else if (target) {
                missing.add(key);
            }
        }
        int objects = present.size() + missing.size();
        if (!readData) {
            List<DamagedCopy> damaged = new ArrayList<>();
            for (String key : present) {
                String problem = sizeProblem(key, inventory.sizes().get(key), elsewhere);
                if (problem != null) {
                    damaged.add(new DamagedCopy(provider.name(), key, problem));
                }
            }
            return new ScrubReport(provider.name(), target, false, objects, 0, missing, damaged,
                    Map.of());
        }
        Reads reads = new Reads(provider, expected, present.size(), progress);
        reads.run(present);
        missing.addAll(reads.vanished);
        missing.sort(Comparator.naturalOrder());
        List<DamagedCopy> damaged = new ArrayList<>(reads.damaged);
        damaged.sort(Comparator.comparing(DamagedCopy::key));
        return new ScrubReport(provider.name(), target, true, objects, reads.bytes.get(),
                missing, damaged, reads.unreadable);
    }

    /**
     * Returns why a copy of {@code size} bytes is damaged, or null: every copy of an object
     * has the same bytes, so a size that differs from the size all other copies agree on is
     * wrong. Nothing is concluded when the other copies disagree or there are none.
     */
    private static String sizeProblem(String key, long size,
            Map<Provider, Inventory> elsewhere) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        elsewhere.forEach((other, inventory) -> {
            Long otherSize = inventory.sizes().get(key);
            if (otherSize != null) {
                sizes.put(other.name(), otherSize);
            }
        });
        Set<Long> distinct = Set.copyOf(sizes.values());
        if (distinct.size() != 1 || distinct.contains(size)) {
            return null;
        }
        return "size is " + size + " bytes, but the copies on " + sizes.keySet().stream()
                .map(name -> "\"" + name + "\"").collect(Collectors.joining(", "))
                + " are " + distinct.iterator().next() + " bytes";
    }

    /** The reads of one scrub, a few at a time. */
    private static final class Reads {
        final Provider provider;
        final ExpectedObjects expected;
        final long total;
        final Progress progress;
        final AtomicLong done = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        final List<String> vanished = Collections.synchronizedList(new ArrayList<>());
        final List<DamagedCopy> damaged = Collections.synchronizedList(new ArrayList<>());
        final Map<String, String> unreadable = Collections.synchronizedMap(new HashMap<>());

        Reads(Provider provider, ExpectedObjects expected, long total, Progress progress) {
            this.provider = provider;
            this.expected = expected;
            this.total = total;
            this.progress = progress;
        }

        void run(List<String> keys) {
            Semaphore permits = new Semaphore(PARALLEL_READS);
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (String key : keys) {
                    permits.acquireUninterruptibly();
                    executor.submit(() -> {
                        try {
                            read(key);
                        } finally {
                            permits.release();
                            progress.update(done.incrementAndGet(), bytes.get(), total, -1);
                        }
                    });
                }
            }
        }

        private void read(String key) {
            Copies.Read read = Copies.read(provider, key, expected.check(key));
            if (read.sound()) {
                bytes.addAndGet(read.data().length);
            } else if (read.damaged()) {
                bytes.addAndGet(read.size());
                damaged.add(new DamagedCopy(provider.name(), key, read.problem()));
            } else if (read.failure().kind() == StorageException.Kind.NOT_FOUND) {
                vanished.add(key);
            } else {
                unreadable.put(key, read.failure().getMessage());
            }
        }
    }
}
