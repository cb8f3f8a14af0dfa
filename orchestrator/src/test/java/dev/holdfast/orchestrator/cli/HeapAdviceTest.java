package dev.holdfast.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeapAdviceTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void smallIndex_noAdvice() {
        assertThat(Holdfast.heapAdvice(12 * MIB, 128 * MIB)).isEmpty();
    }

    @Test
    void indexCrowdingTheHeap_namesSizesAndTheSetting() {
        // 5 million blobs at about 60 bytes each, against the launcher's default heap.
        assertThat(Holdfast.heapAdvice(300 * MIB, 128 * MIB)).hasValueSatisfying(advice -> {
            assertThat(advice).contains("300 MiB").contains("128 MiB");
            assertThat(advice).contains("HOLDFAST_HEAP=512m");
        });
    }

    @Test
    void suggestedHeap_leavesRoomForTheWork() {
        String advice = Holdfast.heapAdvice(100 * MIB, 128 * MIB).orElseThrow();
        String setting = advice.replaceAll(".*HOLDFAST_HEAP=(\\d+)m.*", "$1");
        long suggested = Long.parseLong(setting) * MIB;
        assertThat(Holdfast.heapAdvice(100 * MIB, suggested)).isEmpty();
    }
}
