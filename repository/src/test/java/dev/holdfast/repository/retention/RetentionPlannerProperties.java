package dev.holdfast.repository.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.repository.SnapshotInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of retention plans over random snapshot times, policies and zones. */
class RetentionPlannerProperties {
    private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");
    private static final List<String> ZONES = List.of("UTC", "Europe/Berlin",
            "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe");

    @Property
    void keepLast_keepsNewestN(@ForAll("groups") List<SnapshotInfo> group,
            @ForAll @IntRange(min = 1, max = 20) int n) {
        var policy = new RetentionPolicy(n, 0, 0, 0, 0, 0, null, Set.of());

        RetentionPlan plan = new RetentionPlanner(policy, ZoneId.of("UTC")).plan(group);

        List<SnapshotInfo> newest = group.stream().sorted(Comparator
                .comparing(SnapshotInfo::time).reversed().thenComparing(SnapshotInfo::id))
                .limit(n).toList();
        assertThat(plan.kept()).containsExactlyInAnyOrderElementsOf(newest);
    }

    @Property
    void everySnapshot_keptByNamedRuleOrForgotten(@ForAll("groups") List<SnapshotInfo> group,
            @ForAll("policies") RetentionPolicy policy, @ForAll("zones") ZoneId zone) {
        RetentionPlan plan = new RetentionPlanner(policy, zone).plan(group);

        assertThat(plan.decisions()).hasSize(group.size());
        assertThat(plan.decisions()).extracting(d -> d.snapshot().id())
                .containsExactlyInAnyOrderElementsOf(group.stream().map(SnapshotInfo::id)
                        .toList());
        for (RetentionPlan.Decision decision : plan.decisions()) {
            assertThat(decision.reasons()).allMatch(reason -> reason.matches(
                    "(last|hourly|daily|weekly|monthly|yearly|within|pinned by tag) .+"));
        }
        assertThat(plan.kept().size() + plan.forgotten().size()).isEqualTo(group.size());
    }

    @Property
    void reapplyingToKeptSet_forgetsNothing(@ForAll("groups") List<SnapshotInfo> group,
            @ForAll("policies") RetentionPolicy policy, @ForAll("zones") ZoneId zone) {
        RetentionPlanner planner = new RetentionPlanner(policy, zone);
        List<SnapshotInfo> kept = planner.plan(group).kept();

        assertThat(planner.plan(kept).forgotten()).isEmpty();
    }

    @Property
    void pinnedSnapshots_neverForgotten(@ForAll("groups") List<SnapshotInfo> group,
            @ForAll("policies") RetentionPolicy policy) {
        RetentionPlan plan = new RetentionPlanner(policy.withPinTags(Set.of("keep")),
                ZoneId.of("UTC")).plan(group);

        assertThat(plan.forgotten()).noneMatch(s -> s.tags().contains("keep"));
    }

    @Provide
    Arbitrary<List<SnapshotInfo>> groups() {
        // Minutes over about three years, so every calendar rule meets several buckets.
        Arbitrary<Long> minutes = Arbitraries.longs().between(0, 3L * 366 * 24 * 60);
        Arbitrary<Boolean> pinned = Arbitraries.integers().between(0, 9).map(i -> i == 0);
        return Combinators.combine(minutes, pinned).as((m, p) -> new long[] {m, p ? 1 : 0})
                .list().ofMaxSize(60).map(RetentionPlannerProperties::snapshots);
    }

    private static List<SnapshotInfo> snapshots(List<long[]> specs) {
        List<SnapshotInfo> snapshots = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            Instant time = EPOCH.plus(Duration.ofMinutes(specs.get(i)[0]));
            String[] tags = specs.get(i)[1] == 1 ? new String[] {"keep"} : new String[0];
            snapshots.add(RetentionPlannerTest.snapshot(i, time.toString(), tags));
        }
        return snapshots;
    }

    @Provide
    Arbitrary<RetentionPolicy> policies() {
        Arbitrary<Integer> count = Arbitraries.integers().between(0, 6);
        Arbitrary<Duration> within = Arbitraries.longs().between(0, 400 * 24)
                .map(Duration::ofHours).injectNull(0.5);
        return Combinators.combine(count, count, count, count, count, count, within)
                .as((last, hourly, daily, weekly, monthly, yearly, w) -> new RetentionPolicy(
                        last, hourly, daily, weekly, monthly, yearly, w, Set.of()));
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(ZONES).map(ZoneId::of);
    }
}
