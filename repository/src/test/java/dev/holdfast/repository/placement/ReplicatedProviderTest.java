package dev.holdfast.repository.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.repository.objects.ObjectStore;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.StorageException;
import dev.holdfast.storage.StorageException.Kind;
import dev.holdfast.storage.filesystem.FileSystemProvider;
import dev.holdfast.storage.testing.FaultInjectingProvider;
import dev.holdfast.storage.testing.FaultInjectingProvider.Operation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicatedProviderTest {
    @TempDir
    Path root;

    private final List<FaultInjectingProvider> faults = new ArrayList<>();
    private final List<FileSystemProvider> real = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong();
    private ReplicatedProvider replicated;
    private final byte[] data = new byte[8192];
    private String key;

    @BeforeEach
    void setUp() throws Exception {
        List<Provider> members = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            FileSystemProvider provider = FileSystemProvider.create(name, root.resolve(name));
            real.add(provider);
            FaultInjectingProvider wrapper = new FaultInjectingProvider(provider, 7);
            faults.add(wrapper);
            members.add(wrapper);
        }
        PlacementRules rules = new PlacementRules(3, Set.of(), Set.of(), 2);
        replicated = new ReplicatedProvider("replicated", members,
                new Placement(rules, List.of("a", "b", "c")), Duration.ofMillis(300), clock::get);
        new Random(3).nextBytes(data);
        key = "data/" + ObjectStore.nameOf(data);
    }

    @AfterEach
    void tearDown() throws Exception {
        replicated.close();
    }

    @Test
    void put_withLength_storesOnlyThatPrefixOnEveryCopy() throws Exception {
        byte[] longer = Arrays.copyOf(data, data.length + 1000);

        assertThat(replicated.putIfAbsent(key, longer, data.length)).isTrue();

        for (FileSystemProvider provider : real) {
            assertThat(provider.get(key)).isEqualTo(data);
        }
    }

    @Test
    void put_allUp_storesEveryCopy() throws Exception {
        assertThat(replicated.putIfAbsent(key, data)).isTrue();

        for (FileSystemProvider provider : real) {
            assertThat(provider.get(key)).isEqualTo(data);
        }
        assertThat(replicated.underReplicated()).isEmpty();
        assertThat(replicated.putIfAbsent(key, data)).isFalse();
    }

    @Test
    void put_oneDown_succeedsAtQuorumAndRecordsKey() throws Exception {
        faults.get(1).makeUnavailable();

        assertThat(replicated.putIfAbsent(key, data)).isTrue();

        assertThat(replicated.underReplicated()).containsExactly(key);
        assertThat(real.get(1).stat(key)).isEmpty();
        assertThat(real.get(2).get(key)).isEqualTo(data);
    }

    @Test
    void put_twoDown_failsBelowQuorum() {
        faults.get(0).makeUnavailable();
        faults.get(2).on(Operation.PUT, ".*").failHalfway();

        assertThatThrownBy(() -> replicated.putIfAbsent(key, data))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.TRANSIENT))
                .hasMessageContaining("stored on 1 of 3 providers, below the write quorum of 2")
                .hasMessageContaining("\"a\"")
                .hasMessageContaining("\"c\"");
    }

    @Test
    void put_targetFailedRecently_leftOutAtQuorum() throws Exception {
        faults.get(1).makeUnavailable();
        replicated.putIfAbsent(key, data);
        int putsTried = faults.get(1).calls(Operation.PUT);
        byte[] later = otherData();
        String laterKey = "data/" + ObjectStore.nameOf(later);
        clock.addAndGet(ReplicatedProvider.WRITE_PAUSE.toNanos() - 1);

        assertThat(replicated.putIfAbsent(laterKey, later)).isTrue();

        assertThat(faults.get(1).calls(Operation.PUT)).isEqualTo(putsTried);
        assertThat(replicated.underReplicated()).containsExactlyInAnyOrder(key, laterKey);
        assertThat(real.get(0).get(laterKey)).isEqualTo(later);
        assertThat(real.get(2).get(laterKey)).isEqualTo(later);
    }

    @Test
    void put_pauseOver_triesTargetAgain() throws Exception {
        faults.get(1).makeUnavailable();
        replicated.putIfAbsent(key, data);
        faults.get(1).clear();
        byte[] later = otherData();
        String laterKey = "data/" + ObjectStore.nameOf(later);
        clock.addAndGet(ReplicatedProvider.WRITE_PAUSE.toNanos());

        replicated.putIfAbsent(laterKey, later);

        assertThat(real.get(1).get(laterKey)).isEqualTo(later);
        assertThat(replicated.underReplicated()).containsExactly(key);
    }

    @Test
    void put_pauseWouldBreakQuorum_triesEveryTarget() throws Exception {
        faults.get(0).makeUnavailable();
        faults.get(2).makeUnavailable();
        assertThatThrownBy(() -> replicated.putIfAbsent(key, data))
                .isInstanceOf(StorageException.class);
        faults.get(0).clear();
        faults.get(2).clear();

        assertThat(replicated.putIfAbsent(key, data)).isTrue();

        for (FileSystemProvider provider : real) {
            assertThat(provider.get(key)).as(provider.name()).isEqualTo(data);
        }
        assertThat(replicated.underReplicated()).isEmpty();
    }

    @Test
    void get_corruptCopy_readsAnotherAndReportsProviderAndKey() throws Exception {
        // Stored around the replicated provider, so that no latency is recorded yet and the
        // first read goes to the providers in configuration order.
        for (FileSystemProvider provider : real) {
            provider.putIfAbsent(key, data);
        }
        faults.get(0).on(Operation.GET, ".*").corrupt();
        String name = key.substring("data/".length());

        byte[] read = replicated.get(key, bytes -> ObjectStore.hashProblem(name, bytes));

        assertThat(read).isEqualTo(data);
        assertThat(replicated.damagedCopies()).singleElement().satisfies(copy -> {
            assertThat(copy.provider()).isEqualTo("a");
            assertThat(copy.key()).isEqualTo(key);
        });
    }

    @Test
    void get_everyCopyCorrupt_failsAsDamaged() throws Exception {
        replicated.putIfAbsent(key, data);
        for (FaultInjectingProvider fault : faults) {
            fault.on(Operation.GET, ".*").corrupt();
        }
        String name = key.substring("data/".length());

        assertThatThrownBy(() -> replicated.get(key, 0, 100,
                bytes -> bytes.length == 100 && ObjectStore.hashProblem(name, bytes) == null
                        ? null : "range does not match"))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.DAMAGED));
        assertThat(replicated.damagedCopies()).hasSize(3);
    }

    @Test
    void get_slowProvider_timesOutAndFailsOver() throws Exception {
        replicated.putIfAbsent(key, data);
        faults.get(0).on(Operation.GET, ".*").delay(Duration.ofSeconds(5));

        long start = System.nanoTime();
        assertThat(replicated.get(key, 10, 20)).hasSize(20);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));

        // The timeout counts as an error, so the next read starts with a healthy provider.
        int slowCalls = faults.get(0).calls(Operation.GET);
        assertThat(replicated.get(key, 10, 20)).hasSize(20);
        assertThat(faults.get(0).calls(Operation.GET)).isEqualTo(slowCalls);
    }

    @Test
    void get_emptiedAndThrottledProviders_readsTheLastCopy() throws Exception {
        replicated.putIfAbsent(key, data);
        faults.get(0).empty();
        faults.get(1).on(Operation.GET, ".*").throttle(1);

        assertThat(replicated.get(key)).isEqualTo(data);
        assertThat(replicated.stat(key)).isPresent();
    }

    @Test
    void get_missingEverywhere_isNotFound() {
        assertThatThrownBy(() -> replicated.get("data/none"))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    }

    @Test
    void list_oneDown_listsUnionOfOthersOnce() throws Exception {
        replicated.putIfAbsent(key, data);
        real.get(2).putIfAbsent("data/only-c", data);
        faults.get(0).makeUnavailable();
        List<String> keys = new ArrayList<>();

        replicated.list("data/", info -> keys.add(info.key()));

        assertThat(keys).containsExactlyInAnyOrder(key, "data/only-c");
    }

    private static byte[] otherData() {
        byte[] other = new byte[4096];
        new Random(4).nextBytes(other);
        return other;
    }
}
