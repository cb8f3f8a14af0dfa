package dev.holdfast.repository.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Samples of packs: slices partition the packs, shares take the promised count. */
class PackSampleProperties {

    @Provide
    Arbitrary<Set<String>> packNames() {
        return Arbitraries.strings().withChars("0123456789abcdef").ofLength(64).set()
                .ofMaxSize(300);
    }

    @Property
    void slices_everyPackInExactlyOneSlice(@ForAll("packNames") Set<String> packs,
            @ForAll @IntRange(min = 1, max = 40) int slices) {
        List<String> seen = new ArrayList<>();
        for (int n = 1; n <= slices; n++) {
            seen.addAll(PackSample.slice(n, slices).select(packs));
        }

        assertThat(seen).hasSameSizeAs(packs);
        assertThat(new HashSet<>(seen)).isEqualTo(packs);
    }

    @Property
    void share_takesTheShareRoundedUpFromThePacks(@ForAll("packNames") Set<String> packs,
            @ForAll @DoubleRange(min = 0.01, max = 100) double percent) {
        List<String> chosen = PackSample.share(percent).select(packs);

        int expected = packs.isEmpty() ? 0
                : (int) Math.max(1, Math.ceil(packs.size() * percent / 100));
        assertThat(chosen).hasSize(expected).doesNotHaveDuplicates();
        assertThat(packs).containsAll(chosen);
    }

    @Test
    void slices_ofManyPacks_areCloseToEqual() {
        Set<String> packs = packNames().sample();
        while (packs.size() < 250) {
            packs = packNames().sample();
        }
        for (int n = 1; n <= 5; n++) {
            assertThat(PackSample.slice(n, 5).select(packs).size())
                    .isBetween(packs.size() / 5 - 30, packs.size() / 5 + 30);
        }
    }

    @Test
    void parse_acceptsSharesAndSlices() {
        assertThat(PackSample.parse("5%")).isInstanceOf(PackSample.Share.class);
        assertThat(PackSample.parse(" 0.5% ")).isInstanceOf(PackSample.Share.class);
        assertThat(PackSample.parse("3/20")).isEqualTo(PackSample.slice(3, 20));
    }

    @Test
    void parse_rejectsOtherTextAndNamesIt() {
        assertThatThrownBy(() -> PackSample.parse("five"))
                .hasMessageContaining("\"five\"").hasMessageContaining("5%")
                .hasMessageContaining("3/20");
        assertThatThrownBy(() -> PackSample.parse("21/20")).hasMessageContaining("21/20");
        assertThatThrownBy(() -> PackSample.parse("0/20")).hasMessageContaining("0/20");
        assertThatThrownBy(() -> PackSample.parse("0%")).hasMessageContaining("0.0%");
        assertThatThrownBy(() -> PackSample.parse("150%")).hasMessageContaining("150");
    }
}
