package dev.holdfast.repository.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ChunkPoolTest {
    @Test
    void capacity_roundsUpToPowerOfTwo() {
        assertThat(ChunkPool.capacity(0)).isEqualTo(ChunkPool.SMALLEST);
        assertThat(ChunkPool.capacity(ChunkPool.SMALLEST)).isEqualTo(ChunkPool.SMALLEST);
        assertThat(ChunkPool.capacity(ChunkPool.SMALLEST + 1)).isEqualTo(2 * ChunkPool.SMALLEST);
        assertThat(ChunkPool.capacity(1 << 20)).isEqualTo(1 << 20);
        assertThat(ChunkPool.capacity((1 << 20) + 1)).isEqualTo(2 << 20);
        assertThat(ChunkPool.capacity(1 << 30)).isEqualTo(1 << 30);
    }

    @Test
    void capacity_aboveTheLargestClass_isRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> ChunkPool.capacity((1 << 30) + 1))
                .withMessageContaining("1073741825");
    }

    @Test
    void take_afterGive_reusesTheArray() {
        ChunkPool pool = new ChunkPool(1 << 20);
        byte[] first = pool.take(100_000);

        pool.give(first);

        assertThat(pool.take(70_000)).isSameAs(first);
        assertThat(pool.held()).isEqualTo(first.length);
    }

    @Test
    void take_fullOfOtherSizes_dropsThem() {
        ChunkPool pool = new ChunkPool(256 * 1024);
        List<byte[]> small = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            small.add(pool.take(60_000));
        }
        small.forEach(pool::give);

        byte[] large = pool.take(200_000);

        assertThat(large).hasSize(256 * 1024);
        assertThat(pool.held()).isEqualTo(256 * 1024);
    }

    @Test
    void give_whileAboveTheLimit_dropsTheArray() {
        ChunkPool pool = new ChunkPool(64 * 1024);
        byte[] first = pool.take(60_000);
        byte[] second = pool.take(60_000);

        pool.give(first);
        pool.give(second);

        assertThat(pool.held()).isEqualTo(64 * 1024);
        assertThat(pool.take(60_000)).isSameAs(second);
    }

    /**
     * Whatever the order of takes and gives, the pool keeps no more than its limit once the
     * arrays in use are back, and every array fits the length asked for.
     */
    @Property(tries = 200)
    void takeAndGive_anyOrder_staysWithinTheLimit(
            @ForAll @Size(max = 60) List<@IntRange(min = 1, max = 600_000) Integer> lengths,
            @ForAll @IntRange(min = 1, max = 4) int inUse) {
        long limit = 1 << 20;
        ChunkPool pool = new ChunkPool(limit);
        List<byte[]> taken = new ArrayList<>();
        for (int length : lengths) {
            byte[] array = pool.take(length);
            assertThat(array.length).isGreaterThanOrEqualTo(length)
                    .isEqualTo(ChunkPool.capacity(length));
            taken.add(array);
            if (taken.size() > inUse) {
                pool.give(taken.removeFirst());
            }
        }
        taken.forEach(pool::give);

        assertThat(pool.held()).isLessThanOrEqualTo(limit);
    }
}
