package dev.holdfast.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The heap warning and the heap hint that the launcher reads. */
class HeapAdviceTest {
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path cache;

    private HeapHint hint() {
        return HeapHint.of(Map.of("XDG_CACHE_HOME", cache.toString(), "HOME", "/nonexistent"));
    }

    @Test
    void smallIndex_noAdvice() {
        assertThat(Holdfast.heapAdvice(12 * MIB, 128 * MIB)).isEmpty();
    }

    @Test
    void indexCrowdingTheHeap_namesSizesAndTheSetting() {
        // 5 million blobs at about 60 bytes each, against the launcher's default heap.
        assertThat(Holdfast.heapAdvice(300 * MIB, 128 * MIB)).hasValueSatisfying(advice -> {
            assertThat(advice).contains("300 MiB").contains("128 MiB");
            assertThat(advice).contains("HOLDFAST_HEAP=1024m");
        });
    }

    @Test
    void suggestedHeap_leavesRoomForTheWork() {
        for (long index : new long[] {1, 17, 28, 100, 1000}) {
            long suggested = HeapHint.suggestedMiB(index * MIB) * MIB;
            assertThat(Holdfast.heapAdvice(index * MIB, suggested)).as("index of %d MiB", index)
                    .isEmpty();
        }
    }

    @Test
    void raise_largeIndex_storesTheSuggestedHeap() throws IOException {
        // bench/memory.sh 300000: 490,000 blobs, an index of 28 MiB; prune needed 160 MiB.
        assertThat(hint().raise(28 * MIB)).hasValue(192);

        assertThat(Files.readString(cache.resolve("holdfast/heap-mib"))).isEqualTo("192\n");
        assertThat(hint().stored()).hasValue(192);
    }

    @Test
    void raise_indexOfTheBenchmarkDataset_writesNothing() {
        // 230,000 blobs of the 200,000-file dataset run at the default heap.
        assertThat(hint().raise(13 * MIB)).isEmpty();
    }

    @Test
    void raise_smallIndex_writesNothing() {
        assertThat(hint().raise(10 * MIB)).isEmpty();

        assertThat(cache.resolve("holdfast/heap-mib")).doesNotExist();
    }

    @Test
    void raise_neverLowersTheStoredFigure() {
        hint().raise(100 * MIB);

        assertThat(hint().raise(28 * MIB)).isEmpty();
        assertThat(hint().stored()).hasValue(HeapHint.suggestedMiB(100 * MIB));
    }

    @Test
    void raise_withoutAHomeOrCacheFolder_writesNothing() {
        HeapHint homeless = HeapHint.of(Map.of());

        assertThat(homeless.file()).isEmpty();
        assertThat(homeless.raise(500 * MIB)).isEmpty();
    }

    @Test
    void stored_damagedFile_isIgnored() throws IOException {
        Files.createDirectories(cache.resolve("holdfast"));
        Files.writeString(cache.resolve("holdfast/heap-mib"), "lots");

        assertThat(hint().stored()).isEmpty();
        assertThat(hint().raise(28 * MIB)).hasValue(192);
    }
}
