package dev.holdfast.orchestrator.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GuardPolicyTest {
    private static final GuardPolicy POLICY = new GuardPolicy(Thresholds.DEFAULTS, List.of(
            new TableOverride("audit.*", 0.9, null, null, null, null, false),
            new TableOverride("*.sessions", null, null, null, false, false, false),
            TableOverride.ignore("audit.scratch"),
            new TableOverride("*", null, 5_000L, null, null, null, false)),
            Duration.ofMinutes(30), GuardAction.ROLLBACK);

    @ParameterizedTest(name = "{0}: {4}")
    @CsvSource({
        "audit.log,      0.9, 100000, true, first matching glob sets the share",
        "audit.sessions, 0.9, 100000, true, an earlier glob wins over a later one",
        "web.sessions,   0.5, 100000, false, a glob sets the drop rule off",
        "public.orders,  0.5, 5000,   true, the catch-all glob sets the rows",
    })
    void thresholds_firstMatchingGlobApplies(String table, double share, long rows,
            boolean dropped, String description) {
        Thresholds thresholds = POLICY.thresholds(table).orElseThrow();

        assertThat(thresholds.share()).isEqualTo(share);
        assertThat(thresholds.rows()).isEqualTo(rows);
        assertThat(thresholds.dropped()).isEqualTo(dropped);
        assertThat(thresholds.minRows()).isEqualTo(Thresholds.DEFAULT_MIN_ROWS);
    }

    @Test
    void thresholds_exactNameWinsOverEarlierGlob() {
        assertThat(POLICY.thresholds("audit.scratch")).isEmpty();
    }

    @Test
    void thresholds_withoutOverride_areTheDefaults() {
        assertThat(GuardPolicy.DEFAULT.thresholds("public.orders")).contains(Thresholds.DEFAULTS);
        assertThat(GuardPolicy.DEFAULT.window()).isEqualTo(Duration.ofMinutes(10));
        assertThat(GuardPolicy.DEFAULT.action()).isEqualTo(GuardAction.ALERT);
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        "public.orders, public.orders, true",
        "public.orders, public.order,  false",
        "public.*,      public.orders, true",
        "public.*,      publicx.orders, false",
        "*.orders,      sales.orders,  true",
        "*.orders,      sales.orders2, false",
        "*,             a.b,           true",
        "a*b*c,         a.xbyyc,       true",
        "a*b*c,         a.xbyy,        false",
        "**,            '',            true",
    })
    void globs_matchStarAsAnyRun(String pattern, String name, boolean matches) {
        assertThat(Globs.matches(pattern, name)).isEqualTo(matches);
    }

    @Test
    void thresholds_invalidValues_nameTheValue() {
        assertThatThrownBy(() -> new Thresholds(0, 1, 0, true, true))
                .hasMessageStartingWith("invalid share 0.0: expected a fraction above 0");
        assertThatThrownBy(() -> new Thresholds(1.5, 1, 0, true, true))
                .hasMessageStartingWith("invalid share 1.5");
        assertThatThrownBy(() -> new Thresholds(0.5, 0, 0, true, true))
                .hasMessage("invalid rows 0: expected 1 or more rows");
        assertThatThrownBy(() -> new Thresholds(0.5, 1, -1, true, true))
                .hasMessage("invalid min-rows -1: expected 0 or more rows");
        assertThatThrownBy(() -> new GuardPolicy(Thresholds.DEFAULTS, List.of(), Duration.ZERO,
                GuardAction.ALERT)).hasMessage("invalid window PT0S: expected a positive "
                        + "duration, such as 10m");
        assertThatThrownBy(() -> TableOverride.ignore(" "))
                .hasMessageStartingWith("empty table pattern");
    }

    @Test
    void action_parsesConfigNames() {
        assertThat(GuardAction.parse("rollback")).isEqualTo(GuardAction.ROLLBACK);
        assertThat(GuardAction.parse(" Alert ")).isEqualTo(GuardAction.ALERT);
        assertThatThrownBy(() -> GuardAction.parse("restore"))
                .hasMessage("unknown guard action \"restore\": expected alert or rollback");
    }

    @Test
    void reading_sameTableTwice_isRejected() {
        assertThatThrownBy(() -> Readings.at(java.time.Instant.EPOCH).exact("a", 1, 0, 1)
                .exact("public.a", 2, 0, 2).reading())
                .hasMessageContaining("table public.a appears twice");
        assertThatThrownBy(() -> new TableReading("s", "t", -2, true, 0, 0))
                .hasMessage("invalid liveRows -2 for table s.t: expected zero or more, or -1 "
                        + "when unknown");
    }
}
