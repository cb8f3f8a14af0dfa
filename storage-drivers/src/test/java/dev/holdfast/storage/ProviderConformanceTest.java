package dev.holdfast.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every provider must have, whatever it stores to. A driver or decorator test
 * extends this class and returns a fresh, empty provider from {@link #createProvider()}.
 */
public abstract class ProviderConformanceTest {
    private static final int MIB = 1 << 20;

    protected Provider provider;

    /** Returns a new provider that contains no objects; each test gets its own. */
    protected abstract Provider createProvider() throws Exception;

    @BeforeEach
    void openProvider() throws Exception {
        provider = createProvider();
    }

    @AfterEach
    void closeProvider() throws Exception {
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void put_thenGet_returnsSameBytes() throws Exception {
        byte[] data = randomBytes(1, 10_000);

        assertThat(provider.putIfAbsent("data/ab/abcdef", data)).isTrue();

        assertThat(provider.get("data/ab/abcdef")).isEqualTo(data);
    }

    @Test
    void putPrefix_thenGet_returnsOnlyPrefix() throws Exception {
        byte[] buffer = randomBytes(7, 4096);
        byte[] expected = Arrays.copyOf(buffer, 1000);

        assertThat(provider.putIfAbsent("data/cd/cdef01", buffer, 1000)).isTrue();
        // The caller may reuse its buffer once the put returned.
        Arrays.fill(buffer, (byte) 0);

        assertThat(provider.get("data/cd/cdef01")).isEqualTo(expected);
        assertThat(provider.stat("data/cd/cdef01").orElseThrow().size()).isEqualTo(1000);
    }

    @Test
    void putIfAbsent_existingKey_keepsOldBytes() throws Exception {
        byte[] first = "first version".getBytes(StandardCharsets.US_ASCII);
        byte[] second = "second, longer version".getBytes(StandardCharsets.US_ASCII);
        provider.putIfAbsent("snapshots/one", first);

        boolean stored = provider.putIfAbsent("snapshots/one", second);

        assertThat(stored).isFalse();
        assertThat(provider.get("snapshots/one")).isEqualTo(first);
    }

    @Test
    void putIfAbsent_racingWriters_oneWins() throws Exception {
        int writers = 16;
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            payloads.add(randomBytes(100 + i, 256 * 1024 + i));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Boolean>> puts = new ArrayList<>();
        for (byte[] payload : payloads) {
            puts.add(() -> {
                start.await();
                return provider.putIfAbsent("race/key", payload);
            });
        }

        List<Boolean> results = runConcurrently(puts, start);

        assertThat(results).filteredOn(stored -> stored).hasSize(1);
        byte[] stored = provider.get("race/key");
        assertThat(payloads).anySatisfy(payload -> assertThat(stored).isEqualTo(payload));
        int winner = results.indexOf(true);
        assertThat(stored).isEqualTo(payloads.get(winner));
    }

    @Test
    void emptyObject_roundTrips() throws Exception {
        assertThat(provider.putIfAbsent("empty/object", new byte[0])).isTrue();

        assertThat(provider.get("empty/object")).isEmpty();
        assertThat(provider.get("empty/object", 0, 10)).isEmpty();
        assertThat(provider.stat("empty/object")).map(ObjectInfo::size).contains(0L);
    }

    @Test
    void largeObject_roundTrips() throws Exception {
        byte[] data = randomBytes(2, 20 * MIB);

        assertThat(provider.putIfAbsent("packs/large", data)).isTrue();

        assertThat(provider.get("packs/large")).isEqualTo(data);
        assertThat(provider.get("packs/large", 20L * MIB - 5, 100)).hasSize(5);
    }

    @Test
    void rangedGet_returnsRequestedSlice() throws Exception {
        byte[] data = randomBytes(3, 1000);
        provider.putIfAbsent("ranges/object", data);
        record Case(String description, long offset, int length, int from, int to) {
        }
        List<Case> cases = List.of(
                new Case("start", 0, 10, 0, 10),
                new Case("middle", 500, 100, 500, 600),
                new Case("end", 990, 10, 990, 1000),
                new Case("across the end", 995, 10, 995, 1000),
                new Case("at the end", 1000, 10, 1000, 1000),
                new Case("past the end", 2000, 10, 1000, 1000),
                new Case("zero length", 100, 0, 100, 100),
                new Case("whole", 0, 1000, 0, 1000));

        for (Case c : cases) {
            byte[] slice = provider.get("ranges/object", c.offset(), c.length());

            assertThat(slice).as(c.description())
                    .isEqualTo(Arrays.copyOfRange(data, c.from(), c.to()));
        }
    }

    @Test
    void stat_presentObject_returnsSize() throws Exception {
        provider.putIfAbsent("stat/present", new byte[1234]);

        Optional<ObjectInfo> info = provider.stat("stat/present");

        assertThat(info).isPresent();
        assertThat(info.get().key()).isEqualTo("stat/present");
        assertThat(info.get().size()).isEqualTo(1234);
        assertThat(info.get().modified()).isNotNull();
    }

    @Test
    void stat_absentObject_returnsEmpty() throws Exception {
        assertThat(provider.stat("stat/absent")).isEmpty();
    }

    @Test
    void list_manyKeys_returnsExactlyThoseUnderPrefix() throws Exception {
        Map<String, Integer> all = new HashMap<>();
        for (int i = 0; i < 3000; i++) {
            all.put("data/%02x/%08x".formatted(i % 32, i), i % 7);
        }
        for (int i = 0; i < 200; i++) {
            all.put("index/%04d".formatted(i), 3);
        }
        all.put("data0/not-under-data-slash", 1);
        all.put("dat", 2);
        putAll(all);

        assertThat(listKeys("data/0")).isEqualTo(keysStartingWith(all, "data/0"));
        assertThat(listKeys("data/")).isEqualTo(keysStartingWith(all, "data/"));
        assertThat(listKeys("data")).isEqualTo(keysStartingWith(all, "data"));
        assertThat(listKeys("")).isEqualTo(all.keySet());
        assertThat(listKeys("index/01")).hasSize(100);
        assertThat(listKeys("nothing/")).isEmpty();
    }

    @Test
    void list_reportsSizes() throws Exception {
        provider.putIfAbsent("sizes/a", new byte[3]);
        provider.putIfAbsent("sizes/b", new byte[0]);
        Map<String, Long> sizes = new HashMap<>();

        provider.list("sizes/", info -> sizes.put(info.key(), info.size()));

        assertThat(sizes).isEqualTo(Map.of("sizes/a", 3L, "sizes/b", 0L));
    }

    @Test
    void delete_thenGet_isNotFound() throws Exception {
        provider.putIfAbsent("doomed/object", new byte[] {1, 2, 3});

        provider.delete("doomed/object");

        assertThatThrownBy(() -> provider.get("doomed/object"))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.NOT_FOUND));
        assertThat(provider.stat("doomed/object")).isEmpty();
        assertThat(listKeys("doomed/")).isEmpty();
    }

    @Test
    void delete_thenPut_storesAgain() throws Exception {
        provider.putIfAbsent("again/object", new byte[] {1});
        provider.delete("again/object");

        assertThat(provider.putIfAbsent("again/object", new byte[] {2})).isTrue();

        assertThat(provider.get("again/object")).containsExactly(2);
    }

    @Test
    void delete_absentObject_succeeds() throws Exception {
        provider.delete("never/stored");

        assertThat(provider.stat("never/stored")).isEmpty();
    }

    @Test
    void get_absentKey_isNotFound() {
        assertThatThrownBy(() -> provider.get("missing/object"))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StorageException.Kind.NOT_FOUND);
                    assertThat(e.key()).isEqualTo("missing/object");
                    assertThat(e.provider()).isEqualTo(provider.name());
                });
        assertThatThrownBy(() -> provider.get("missing/object", 0, 10))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.NOT_FOUND));
    }

    @Test
    void punctuatedKeys_roundTrip() throws Exception {
        List<String> keys = List.of("keys/with-dash", "keys/with_underscore",
                "keys/with.dots.in.it", "keys/.leading-dot", "keys/-leading-dash",
                "keys/_leading", "k-e_y.s/mixed-_.Case09");
        for (String key : keys) {
            assertThat(provider.putIfAbsent(key, key.getBytes(StandardCharsets.US_ASCII)))
                    .as(key).isTrue();
        }

        for (String key : keys) {
            assertThat(provider.get(key)).as(key)
                    .isEqualTo(key.getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(listKeys("")).containsExactlyInAnyOrderElementsOf(keys);
    }

    private void putAll(Map<String, Integer> objects) throws Exception {
        List<Callable<Boolean>> puts = new ArrayList<>();
        for (Map.Entry<String, Integer> object : objects.entrySet()) {
            puts.add(() -> provider.putIfAbsent(object.getKey(), new byte[object.getValue()]));
        }
        assertThat(runConcurrently(puts, new CountDownLatch(0))).doesNotContain(false);
    }

    private Set<String> listKeys(String prefix) throws StorageException {
        Set<String> keys = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        provider.list(prefix, info -> {
            if (!keys.add(info.key())) {
                duplicates.add(info.key());
            }
        });
        assertThat(duplicates).as("keys listed twice under \"" + prefix + "\"").isEmpty();
        return keys;
    }

    private static Set<String> keysStartingWith(Map<String, Integer> objects, String prefix) {
        Set<String> keys = new HashSet<>();
        for (String key : objects.keySet()) {
            if (key.startsWith(prefix)) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** Runs {@code calls} on 16 threads, opens {@code start}, and returns results in order. */
    private static <T> List<T> runConcurrently(List<Callable<T>> calls, CountDownLatch start)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] randomBytes(long seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
