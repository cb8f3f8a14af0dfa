package dev.holdfast.repository.retention;

import dev.holdfast.repository.SnapshotInfo;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies a {@link RetentionPolicy} to one group of snapshots, without reading or writing
 * anything. Calendar rules put each snapshot in a bucket (hour, day, ISO week, month, year)
 * of the given time zone, and keep the newest snapshot of each of the newest N buckets that
 * hold one. {@code keep-within} counts back from the group's newest snapshot rather than from
 * now, so a source whose backups stopped does not lose its snapshots as time passes.
 *
 * <p>Applying the policy again to the snapshots it kept forgets nothing: the newest N
 * snapshots, the newest N buckets and the newest snapshot of the group are the same in the
 * kept set.
 */
public final class RetentionPlanner {
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:00");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu-MM");
    private static final DateTimeFormatter YEAR = DateTimeFormatter.ofPattern("uuuu");
    /** Newest first; the ID breaks ties so that a plan does not depend on input order. */
    private static final Comparator<SnapshotInfo> NEWEST_FIRST = Comparator
            .comparing(SnapshotInfo::time).reversed().thenComparing(SnapshotInfo::id);

    private final RetentionPolicy policy;
    private final ZoneId zone;

    public RetentionPlanner(RetentionPolicy policy, ZoneId zone) {
        this.policy = policy;
        this.zone = zone;
    }

    /** Decides for each snapshot of the group; the plan lists them newest first. */
    public RetentionPlan plan(List<SnapshotInfo> group) {
        List<SnapshotInfo> sorted = new ArrayList<>(group);
        sorted.sort(NEWEST_FIRST);
        Map<String, List<String>> reasons = new LinkedHashMap<>();
        sorted.forEach(s -> reasons.put(s.id(), new ArrayList<>()));
        pinned(sorted, reasons);
        for (int i = 0; i < Math.min(policy.keepLast(), sorted.size()); i++) {
            reasons.get(sorted.get(i).id()).add("last " + policy.keepLast());
        }
        buckets(sorted, reasons, policy.keepHourly(), "hourly", HOUR::format);
        buckets(sorted, reasons, policy.keepDaily(), "daily", DAY::format);
        buckets(sorted, reasons, policy.keepWeekly(), "weekly", RetentionPlanner::isoWeek);
        buckets(sorted, reasons, policy.keepMonthly(), "monthly", MONTH::format);
        buckets(sorted, reasons, policy.keepYearly(), "yearly", YEAR::format);
        within(sorted, reasons);
        List<RetentionPlan.Decision> decisions = new ArrayList<>();
        for (SnapshotInfo snapshot : sorted) {
            decisions.add(new RetentionPlan.Decision(snapshot, reasons.get(snapshot.id())));
        }
        return new RetentionPlan(decisions);
    }

    private void pinned(List<SnapshotInfo> sorted, Map<String, List<String>> reasons) {
        for (SnapshotInfo snapshot : sorted) {
            snapshot.tags().stream().filter(policy.pinTags()::contains).distinct()
                    .forEach(tag -> reasons.get(snapshot.id()).add("pinned by tag " + tag));
        }
    }

    /**
     * Keeps the newest snapshot of each of the newest {@code count} buckets; {@code sorted}
     * is newest first, so the first snapshot seen in a bucket is its newest.
     */
    private void buckets(List<SnapshotInfo> sorted, Map<String, List<String>> reasons, int count,
            String rule, Function<ZonedDateTime, String> bucketOf) {
        Set<String> seen = new HashSet<>();
        for (SnapshotInfo snapshot : sorted) {
            if (seen.size() == count) {
                return;
            }
            String bucket = bucketOf.apply(snapshot.time().atZone(zone));
            if (seen.add(bucket)) {
                reasons.get(snapshot.id()).add(rule + " " + bucket);
            }
        }
    }

    private void within(List<SnapshotInfo> sorted, Map<String, List<String>> reasons) {
        if (policy.keepWithin() == null || sorted.isEmpty()) {
            return;
        }
        Instant oldest = sorted.getFirst().time().minus(policy.keepWithin());
        String label = "within " + Retention.format(policy.keepWithin());
        for (SnapshotInfo snapshot : sorted) {
            if (!snapshot.time().isBefore(oldest)) {
                reasons.get(snapshot.id()).add(label);
            }
        }
    }

    private static String isoWeek(ZonedDateTime time) {
        return String.format(Locale.ROOT, "%04d-W%02d", time.get(IsoFields.WEEK_BASED_YEAR),
                time.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
}
