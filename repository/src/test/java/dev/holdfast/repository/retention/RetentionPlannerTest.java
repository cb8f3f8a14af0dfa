package dev.holdfast.repository.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.repository.SnapshotInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetentionPlannerTest {
    private static final RetentionPolicy NONE = new RetentionPolicy(0, 0, 0, 0, 0, 0, null,
            Set.of());

    /** Returns a snapshot taken at {@code time} (ISO-8601), named by its index. */
    static SnapshotInfo snapshot(int index, String time, String... tags) {
        String id = String.format("%064x", index);
        return new SnapshotInfo(id, Instant.parse(time), "host", List.of("/src"),
                List.of(tags), null, 1, 1, false);
    }

    /** Returns the reasons of every snapshot by its time, for snapshots that are kept. */
    private static Map<String, List<String>> kept(RetentionPolicy policy, ZoneId zone,
            List<SnapshotInfo> snapshots) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        for (var decision : new RetentionPlanner(policy, zone).plan(snapshots).decisions()) {
            if (decision.keep()) {
                kept.put(decision.snapshot().time().toString(), decision.reasons());
            }
        }
        return kept;
    }

    private static List<SnapshotInfo> hourly(String start, int count) {
        List<SnapshotInfo> snapshots = new ArrayList<>();
        Instant first = Instant.parse(start);
        for (int i = 0; i < count; i++) {
            snapshots.add(snapshot(i, first.plus(Duration.ofHours(i)).toString()));
        }
        return snapshots;
    }

    @Test
    void keepLast_keepsNewestN() {
        var policy = new RetentionPolicy(3, 0, 0, 0, 0, 0, null, Set.of());

        assertThat(kept(policy, ZoneOffset.UTC, hourly("2026-12-01T00:00:00Z", 5)))
                .containsExactly(
                        Map.entry("2026-12-01T04:00:00Z", List.of("last 3")),
                        Map.entry("2026-12-01T03:00:00Z", List.of("last 3")),
                        Map.entry("2026-12-01T02:00:00Z", List.of("last 3")));
    }

    @Test
    void keepHourly_newestOfEachHour() {
        var policy = new RetentionPolicy(0, 2, 0, 0, 0, 0, null, Set.of());
        var snapshots = List.of(snapshot(1, "2026-12-01T10:05:00Z"),
                snapshot(2, "2026-12-01T10:55:00Z"), snapshot(3, "2026-12-01T11:10:00Z"),
                snapshot(4, "2026-12-01T09:00:00Z"));

        assertThat(kept(policy, ZoneOffset.UTC, snapshots)).containsExactly(
                Map.entry("2026-12-01T11:10:00Z", List.of("hourly 2026-12-01 11:00")),
                Map.entry("2026-12-01T10:55:00Z", List.of("hourly 2026-12-01 10:00")));
    }

    @Test
    void keepDaily_skipsDaysWithoutSnapshots() {
        var policy = new RetentionPolicy(0, 0, 2, 0, 0, 0, null, Set.of());
        var snapshots = List.of(snapshot(1, "2026-11-28T08:00:00Z"),
                snapshot(2, "2026-11-29T08:00:00Z"), snapshot(3, "2026-12-01T08:00:00Z"),
                snapshot(4, "2026-12-01T20:00:00Z"));

        assertThat(kept(policy, ZoneOffset.UTC, snapshots)).containsExactly(
                Map.entry("2026-12-01T20:00:00Z", List.of("daily 2026-12-01")),
                Map.entry("2026-11-29T08:00:00Z", List.of("daily 2026-11-29")));
    }

    @Test
    void keepDaily_bucketsInGivenZone() {
        var policy = new RetentionPolicy(0, 0, 2, 0, 0, 0, null, Set.of());
        var snapshots = List.of(snapshot(1, "2026-12-01T20:00:00Z"),
                snapshot(2, "2026-12-01T23:30:00Z"));

        assertThat(kept(policy, ZoneOffset.UTC, snapshots)).hasSize(1);
        assertThat(kept(policy, ZoneId.of("Europe/Berlin"), snapshots)).containsExactly(
                Map.entry("2026-12-01T23:30:00Z", List.of("daily 2026-12-02")),
                Map.entry("2026-12-01T20:00:00Z", List.of("daily 2026-12-01")));
    }

    @Test
    void keepWeekly_isoWeeksStartOnMonday() {
        var policy = new RetentionPolicy(0, 0, 0, 2, 0, 0, null, Set.of());
        var snapshots = List.of(snapshot(1, "2026-11-29T12:00:00Z"),
                snapshot(2, "2026-11-30T12:00:00Z"), snapshot(3, "2026-12-06T12:00:00Z"));

        assertThat(kept(policy, ZoneOffset.UTC, snapshots)).containsExactly(
                Map.entry("2026-12-06T12:00:00Z", List.of("weekly 2026-W49")),
                Map.entry("2026-11-29T12:00:00Z", List.of("weekly 2026-W48")));
    }

    @Test
    void keepMonthlyAndYearly_newestOfEach() {
        var policy = new RetentionPolicy(0, 0, 0, 0, 2, 1, null, Set.of());
        var snapshots = List.of(snapshot(1, "2025-12-31T12:00:00Z"),
                snapshot(2, "2026-01-02T12:00:00Z"), snapshot(3, "2026-01-20T12:00:00Z"),
                snapshot(4, "2026-02-01T12:00:00Z"));

        assertThat(kept(policy, ZoneOffset.UTC, snapshots)).containsExactly(
                Map.entry("2026-02-01T12:00:00Z", List.of("monthly 2026-02", "yearly 2026")),
                Map.entry("2026-01-20T12:00:00Z", List.of("monthly 2026-01")));
    }

    @Test
    void keepWithin_countsBackFromNewestSnapshot() {
        var policy = new RetentionPolicy(0, 0, 0, 0, 0, 0, Duration.ofDays(7), Set.of());
        var snapshots = List.of(snapshot(1, "2020-01-01T00:00:00Z"),
                snapshot(2, "2020-01-07T23:59:59Z"), snapshot(3, "2020-01-08T00:00:00Z"),
                snapshot(4, "2020-01-15T00:00:00Z"));

        assertThat(kept(policy, ZoneOffset.UTC, snapshots)).containsExactly(
                Map.entry("2020-01-15T00:00:00Z", List.of("within 7d")),
                Map.entry("2020-01-08T00:00:00Z", List.of("within 7d")));
    }

    @Test
    void pinTags_keepWhateverTheRules() {
        var policy = new RetentionPolicy(1, 0, 0, 0, 0, 0, null, Set.of("keep"));
        var snapshots = List.of(snapshot(1, "2026-01-01T00:00:00Z", "keep", "other"),
                snapshot(2, "2026-01-02T00:00:00Z"), snapshot(3, "2026-01-03T00:00:00Z"));

        assertThat(kept(policy, ZoneOffset.UTC, snapshots)).containsExactly(
                Map.entry("2026-01-03T00:00:00Z", List.of("last 1")),
                Map.entry("2026-01-01T00:00:00Z", List.of("pinned by tag keep")));
    }

    @Test
    void noRules_forgetsAll_emptyGroupPlansNothing() {
        var snapshots = hourly("2026-01-01T00:00:00Z", 3);

        RetentionPlan plan = new RetentionPlanner(NONE, ZoneOffset.UTC).plan(snapshots);

        assertThat(plan.forgotten()).hasSize(3);
        assertThat(new RetentionPlanner(NONE, ZoneOffset.UTC).plan(List.of()).decisions())
                .isEmpty();
    }

    @Test
    void severalRules_reasonsListEachRule() {
        var policy = new RetentionPolicy(1, 0, 1, 0, 0, 0, Duration.ofHours(1), Set.of());

        var plan = new RetentionPlanner(policy, ZoneOffset.UTC)
                .plan(hourly("2026-12-01T00:00:00Z", 3));

        assertThat(plan.decisions().getFirst().reasons())
                .containsExactly("last 1", "daily 2026-12-01", "within 1h");
        assertThat(plan.decisions().get(1).reasons()).containsExactly("within 1h");
        assertThat(plan.decisions().get(2).keep()).isFalse();
    }
}
