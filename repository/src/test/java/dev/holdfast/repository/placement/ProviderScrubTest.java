package dev.holdfast.repository.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.repository.Progress;
import dev.holdfast.repository.objects.ObjectStore;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.StorageException;
import dev.holdfast.storage.filesystem.FileSystemProvider;
import dev.holdfast.storage.testing.FaultInjectingProvider;
import dev.holdfast.storage.testing.FaultInjectingProvider.Operation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks of one provider's copies, on filesystem providers "a" and "b" with fault injection. */
class ProviderScrubTest {
    @TempDir
    Path root;

    private FaultInjectingProvider a;
    private FaultInjectingProvider b;
    private final ExpectedObjects expected = new ExpectedObjects();
    private final List<String> keys = new ArrayList<>();
    private long bytes;

    @BeforeEach
    void setUp() throws Exception {
        a = new FaultInjectingProvider(FileSystemProvider.create("a", root.resolve("a")), 1);
        b = new FaultInjectingProvider(FileSystemProvider.create("b", root.resolve("b")), 2);
        Random random = new Random(9);
        for (int i = 0; i < 5; i++) {
            byte[] data = new byte[1000 + i];
            random.nextBytes(data);
            String name = ObjectStore.nameOf(data);
            String key = "index/" + name;
            a.putIfAbsent(key, data);
            b.putIfAbsent(key, data);
            expected.add(key, bytes -> ObjectStore.hashProblem(name, bytes));
            keys.add(key);
            bytes += data.length;
        }
    }

    @Test
    void readData_soundCopies_countsObjectsAndBytes() throws Exception {
        ScrubReport report = scrub(a, true, true);

        assertThat(report.clean()).isTrue();
        assertThat(report.objects()).isEqualTo(5);
        assertThat(report.bytesRead()).isEqualTo(bytes);
    }

    @Test
    void readData_corruptCopy_damagedThereOnly() throws Exception {
        b.on(Operation.GET, keys.get(2)).corrupt();

        ScrubReport onB = scrub(b, true, true);
        ScrubReport onA = scrub(a, true, true);

        assertThat(onB.damaged()).extracting(DamagedCopy::key).containsExactly(keys.get(2));
        assertThat(onB.damaged().getFirst().provider()).isEqualTo("b");
        assertThat(onB.damaged().getFirst().reason()).contains("not to its name");
        assertThat(onB.bytesRead()).isEqualTo(bytes);
        assertThat(onA.clean()).isTrue();
    }

    @Test
    void lostCopy_missingWithAndWithoutReadingData() throws Exception {
        a.lose(keys.get(4));

        assertThat(scrub(a, true, false).missing()).containsExactly(keys.get(4));
        assertThat(scrub(a, true, true).missing()).containsExactly(keys.get(4));
        assertThat(scrub(a, true, true).objects()).isEqualTo(5);
    }

    @Test
    void readOnlyProvider_lackingObjects_notMissing() throws Exception {
        a.lose(keys.get(0) + "|" + keys.get(1));

        ScrubReport report = scrub(a, false, true);

        assertThat(report.missing()).isEmpty();
        assertThat(report.objects()).isEqualTo(3);
    }

    @Test
    void readFailure_unreadableNotDamaged() throws Exception {
        a.on(Operation.GET, keys.get(1)).failPermanent();

        ScrubReport report = scrub(a, true, true);

        assertThat(report.unreadable()).containsOnlyKeys(keys.get(1));
        assertThat(report.damaged()).isEmpty();
        assertThat(report.clean()).isFalse();
    }

    @Test
    void unlistableProvider_throws() {
        a.makeUnavailable();

        assertThatThrownBy(() -> scrub(a, true, true)).isInstanceOf(StorageException.class);
    }

    private ScrubReport scrub(Provider provider, boolean target, boolean readData)
            throws StorageException {
        List<Provider> others = provider == a ? List.of(b) : List.of(a);
        return ProviderScrub.run(provider, target, others, expected, readData, Progress.NONE);
    }
}
