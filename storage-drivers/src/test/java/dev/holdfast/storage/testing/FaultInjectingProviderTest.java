package dev.holdfast.storage.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.storage.StorageException;
import dev.holdfast.storage.StorageException.Kind;
import dev.holdfast.storage.filesystem.FileSystemProvider;
import dev.holdfast.storage.testing.FaultInjectingProvider.Operation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultInjectingProviderTest {
    @TempDir
    Path root;

    private FileSystemProvider real;
    private FaultInjectingProvider faults;
    private final byte[] data = new byte[4096];

    @BeforeEach
    void setUp() throws Exception {
        real = FileSystemProvider.open("local", root);
        faults = new FaultInjectingProvider(real, 42);
        new Random(1).nextBytes(data);
        real.putIfAbsent("data/x", data);
        real.putIfAbsent("index/y", data);
    }

    @Test
    void failTransient_failsCountedCallsThenPasses() throws Exception {
        faults.on(Operation.GET, "data/.*").failTransient().times(2);

        assertThat(kindOfGet("data/x")).isEqualTo(Kind.TRANSIENT);
        assertThat(kindOfGet("data/x")).isEqualTo(Kind.TRANSIENT);
        assertThat(faults.get("data/x")).isEqualTo(data);
        assertThat(faults.calls(Operation.GET)).isEqualTo(3);
    }

    @Test
    void failPermanent_onlyHitsMatchingKeys() throws Exception {
        faults.on(Operation.GET, "data/.*").failPermanent();

        assertThat(kindOfGet("data/x")).isEqualTo(Kind.PERMANENT);
        assertThat(faults.get("index/y")).isEqualTo(data);
        assertThat(faults.stat("data/x")).isPresent();
    }

    @Test
    void delay_holdsCallBeforeResult() throws Exception {
        faults.on(Operation.STAT, "data/x").delay(Duration.ofMillis(50));

        long start = System.nanoTime();
        assertThat(faults.stat("data/x")).isPresent();

        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }

    @Test
    void corrupt_flipsOneByteOfCopy() throws Exception {
        faults.on(Operation.GET, "data/x").corrupt();

        byte[] whole = faults.get("data/x");
        byte[] range = faults.get("data/x", 100, 200);

        assertThat(differingPositions(whole, data)).hasSize(1);
        assertThat(differingPositions(range, Arrays.copyOfRange(data, 100, 300)))
                .hasSize(1);
        assertThat(real.get("data/x")).isEqualTo(data);
    }

    @Test
    void corrupt_sameSeedSamePosition() throws Exception {
        FaultInjectingProvider other = new FaultInjectingProvider(real, 42);
        faults.on(Operation.GET, ".*").corrupt();
        other.on(Operation.GET, ".*").corrupt();

        for (int i = 0; i < 5; i++) {
            assertThat(differingPositions(faults.get("data/x"), data))
                    .isEqualTo(differingPositions(other.get("data/x"), data));
        }
    }

    @Test
    void lose_hidesObjectFromReads() throws Exception {
        faults.lose("data/.*");
        List<String> listed = new ArrayList<>();

        faults.list("", info -> listed.add(info.key()));

        assertThat(kindOfGet("data/x")).isEqualTo(Kind.NOT_FOUND);
        assertThatThrownBy(() -> faults.get("data/x", 0, 1))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
        assertThat(faults.stat("data/x")).isEmpty();
        assertThat(listed).containsExactly("index/y");
        assertThat(faults.get("index/y")).isEqualTo(data);
    }

    @Test
    void failHalfway_leavesNothingVisible() throws Exception {
        faults.on(Operation.PUT, "data/.*").failHalfway().times(1);

        assertThatThrownBy(() -> faults.putIfAbsent("data/new", data))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.TRANSIENT));

        assertThat(faults.stat("data/new")).isEmpty();
        assertThat(real.stat("data/new")).isEmpty();
        assertThat(root.resolve(".tmp")).isEmptyDirectory();
        assertThat(faults.putIfAbsent("data/new", data)).isTrue();
    }

    @Test
    void throttle_failsEveryNthCall() throws Exception {
        faults.on(Operation.STAT, ".*").throttle(3);
        List<Boolean> failed = new ArrayList<>();

        for (int i = 0; i < 9; i++) {
            failed.add(statFails("index/y"));
        }

        assertThat(failed).containsExactly(false, false, true, false, false, true,
                false, false, true);
    }

    @Test
    void probability_isRepeatableForSeed() throws Exception {
        FaultInjectingProvider other = new FaultInjectingProvider(real, 42);
        faults.on(Operation.STAT, ".*").failTransient().withProbability(0.5);
        other.on(Operation.STAT, ".*").failTransient().withProbability(0.5);
        List<Boolean> first = new ArrayList<>();
        List<Boolean> second = new ArrayList<>();

        for (int i = 0; i < 64; i++) {
            first.add(statFails(faults, "data/x"));
            second.add(statFails(other, "data/x"));
        }

        assertThat(first).isEqualTo(second);
        assertThat(first).contains(true, false);
    }

    @Test
    void makeUnavailable_failsEveryOperationUntilCleared() throws Exception {
        faults.makeUnavailable();

        assertThat(kindOfGet("data/x")).isEqualTo(Kind.TRANSIENT);
        assertThat(statFails("data/x")).isTrue();
        assertThatThrownBy(() -> faults.putIfAbsent("data/z", data))
                .isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> faults.list("", info -> { }))
                .isInstanceOf(StorageException.class);
        assertThat(real.stat("data/z")).isEmpty();

        faults.clear();
        assertThat(faults.get("data/x")).isEqualTo(data);
    }

    @Test
    void empty_hidesEveryObject() throws Exception {
        faults.empty();
        List<String> listed = new ArrayList<>();

        faults.list("", info -> listed.add(info.key()));

        assertThat(listed).isEmpty();
        assertThat(kindOfGet("index/y")).isEqualTo(Kind.NOT_FOUND);
    }

    @Test
    void clear_removesRulesAndLosses() throws Exception {
        faults.on(Operation.GET, ".*").failPermanent();
        faults.lose(".*");

        faults.clear();

        assertThat(faults.get("data/x")).isEqualTo(data);
    }

    @Test
    void faultForWrongOperation_isRejected() {
        assertThatThrownBy(() -> faults.on(Operation.PUT, ".*").corrupt())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GET");
        assertThatThrownBy(() -> faults.on(Operation.GET, ".*").failHalfway())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PUT");
    }

    private Kind kindOfGet(String key) {
        try {
            faults.get(key);
            return null;
        } catch (StorageException e) {
            return e.kind();
        }
    }

    private boolean statFails(String key) {
        return statFails(faults, key);
    }

    private static boolean statFails(FaultInjectingProvider provider, String key) {
        try {
            provider.stat(key);
            return false;
        } catch (StorageException e) {
            return true;
        }
    }

    private static List<Integer> differingPositions(byte[] actual, byte[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] != expected[i]) {
                positions.add(i);
            }
        }
        return positions;
    }
}
