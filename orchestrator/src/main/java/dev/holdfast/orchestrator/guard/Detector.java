package dev.holdfast.orchestrator.guard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges the readings of one source, in the order they were taken, and reports a bulk
 * deletion.
 *
 * <p>Rows gone from a table are its largest live count among the earlier readings within the
 * window, and the baseline when the snapshot was taken within the window, minus its live count
 * now. When no earlier reading lies within the window (the first reading after a start, or
 * after polling stopped for longer than the window), the newest earlier state replaces
 * the window: the previous reading or the baseline, whichever is newer, however old. Rows that
 * vanished while nobody watched are what the guard exists for, so a long gap can raise an alarm
 * for a table that shrank on purpose. A deletion spread over more than the window is not seen.
 *
 * <p>Deletions replaced by inserts leave the live count where it was, so churn at any rate
 * never fires, whatever the deleted counter does. The counters serve only to tell TRUNCATE
 * (rows gone, deletions not counted) from DELETE, and to notice statistics resets: when the
 * counters of every table that had counted anything go down in one reading, the statistics
 * were reset (a reset or a crash of the server), and each table starts over without judging.
 * When one table's counters go down alone while its rows fell to at most 1%, it was created
 * anew or truncated, and the truncated rule fires.
 *
 * <p>A dropped table fires at once. A row rule fires at once only when both counts compared
 * are exact. When either is an estimate, the next reading must show the damage again; the
 * tables that wait for it are {@link #pendingTables()}, and a caller can count their rows
 * exactly for that reading. When a detection fires, waiting tables are reported with it,
 * because the guard acts on the whole source.
 *
 * <p>After a detection the guard accepts the state it found: earlier readings, and baselines
 * taken before it, no longer count, so the same loss does not fire again every poll. A
 * statistics reset of a table whose counters were all zero cannot be told from TRUNCATE and
 * fires the truncated rule.
 */
public final class Detector {
    private static final Logger LOG = LoggerFactory.getLogger(Detector.class);

    private final String source;
    private final GuardPolicy policy;
    private final Map<TableKey, TableTrack> tracks = new LinkedHashMap<>();
    private final Map<TableKey, Candidate> pending = new LinkedHashMap<>();
    private Instant previousTime;
    private Instant acknowledged = Instant.MIN;
    private boolean clockWarned;

    /** Creates the detector of {@code source}, named as in the configuration. */
    public Detector(String source, GuardPolicy policy) {
        this.source = Objects.requireNonNull(source, "source");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public String source() {
        return source;
    }

    public GuardPolicy policy() {
        return policy;
    }

    /**
     * Judges a new reading, keeps what the window needs of it, and returns the detection it
     * completes, if any.
     *
     * @param baseline the table statistics recorded in the source's newest snapshot, as a
     *     reading at the snapshot's time, or empty when there is none. It must list the same
     *     tables as the readings, or its extra tables count as dropped
     */
    public synchronized Optional<Detection> judge(Reading reading, Optional<Reading> baseline) {
        Instant time = readingTime(reading.time());
        Round round = round(time, baseline);
        Map<TableKey, Point> current = watched(reading.tables(), time);
        Instant keepFrom = round.windowStart().isAfter(acknowledged) ? round.windowStart()
                : acknowledged;
        tracks.values().forEach(track -> track.evictBefore(keepFrom));
        List<Fired> fired = new ArrayList<>(dropped(round, current));
        Map<TableKey, Context> contexts = contexts(round, current);
        boolean statisticsReset = statisticsReset(contexts.values());
        contexts.forEach((key, context) -> judgeRows(key, context, statisticsReset)
                .ifPresent(fired::add));
        update(current, contexts, statisticsReset);
        previousTime = time;
        if (fired.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(detection(fired, time));
    }

    /**
     * Accepts the source's state at {@code time}: readings and baselines taken before it no
     * longer count as the rows a table had, though a table present then and absent later still
     * counts as dropped. Call it at start with the time of the source's newest open incident.
     */
    public synchronized void acknowledge(Instant time) {
        if (time.isAfter(acknowledged)) {
            acknowledged = time;
        }
        pending.clear();
    }

    /**
     * Forgets every reading, such as after a rollback replaced the database: the next reading
     * is judged against the baseline alone.
     */
    public synchronized void clear() {
        tracks.clear();
        pending.clear();
        previousTime = null;
    }

    /** Returns the {@code schema.table} names whose estimated damage waits for a reading. */
    public synchronized Set<String> pendingTables() {
        return pending.keySet().stream().map(TableKey::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Returns how many points the history holds, over all tables. */
    synchronized int historySize() {
        return tracks.values().stream().mapToInt(TableTrack::size).sum();
    }

    /**
     * Returns the time to judge a reading at. Readings must come in time order; when the
     * clock steps back, a reading is judged as taken just after the previous one, so the
     * window does not advance until the clock catches up instead of the guard stopping.
     */
    private Instant readingTime(Instant time) {
        if (previousTime == null || time.isAfter(previousTime)) {
            clockWarned = false;
            return time;
        }
        if (!clockWarned) {
            LOG.warn("guard {}: the reading at {} is not after the previous one at {}; the clock "
                    + "went back, so readings count as taken after the previous one until it "
                    + "catches up", source, time, previousTime);
            clockWarned = true;
        }
        return previousTime.plusNanos(1);
    }

    private Round round(Instant time, Optional<Reading> baseline) {
        Instant windowStart = time.minus(policy.window());
        boolean gap = previousTime == null || previousTime.isBefore(windowStart);
        Map<TableKey, Point> points = Map.of();
        Instant baselineTime = null;
        if (baseline.isPresent() && usable(baseline.get().time(), time, windowStart, gap)) {
            baselineTime = baseline.get().time();
            points = watched(baseline.get().tables(), baselineTime);
        }
        return new Round(time, windowStart, gap, baselineTime, points);
    }

    private boolean usable(Instant baselineTime, Instant time, Instant windowStart,
            boolean gap) {
        if (!baselineTime.isBefore(time) || baselineTime.isBefore(acknowledged)) {
            return false;
        }
        return gap || !baselineTime.isBefore(windowStart);
    }

    private Map<TableKey, Point> watched(List<TableReading> tables, Instant time) {
        Map<TableKey, Point> points = new LinkedHashMap<>();
        for (TableReading table : tables) {
            TableKey key = new TableKey(table.schema(), table.table());
            if (policy.thresholds(key.name()).isPresent()) {
                points.put(key, Point.of(time, table));
            }
        }
        return points;
    }

    /** Returns the tables present in the newest earlier state and absent now. */
    private List<Fired> dropped(Round round, Map<TableKey, Point> current) {
        Map<TableKey, Point> before = new LinkedHashMap<>();
        tracks.forEach((key, track) -> before.put(key, track.last()));
        if (round.baselineTime() != null
                && (previousTime == null || round.baselineTime().isAfter(previousTime))) {
            round.baseline().forEach((key, point) -> before.merge(key, point, Point::newer));
        }
        List<Fired> fired = new ArrayList<>();
        before.forEach((key, point) -> {
            if (!current.containsKey(key) && thresholds(key).dropped()) {
                fired.add(new Fired(new TableDetection(key.schema(), key.table(), Rule.DROPPED,
                        point.liveRows(), TableDetection.ABSENT, point.time(), !point.exact()),
                        round.time()));
            }
        });
        return fired;
    }

    private Map<TableKey, Context> contexts(Round round, Map<TableKey, Point> current) {
        Map<TableKey, Context> contexts = new LinkedHashMap<>();
        current.forEach((key, now) -> {
            TableTrack track = tracks.get(key);
            Point base = round.baseline().get(key);
            if (base != null && track != null && base.time().isBefore(track.epoch())) {
                base = null;
            }
            Point last = track == null ? null : track.last();
            Point before = round.gap() ? Point.newer(rowsOrNull(last), rowsOrNull(base))
                    : Point.higher(track == null ? null : track.peak(), base);
            if (before != null && before.time().isBefore(acknowledged)) {
                before = null;
            }
            Point reference = Point.newer(last, base);
            boolean down = now.countersBelow(reference) || now.countersBelow(before);
            contexts.put(key, new Context(now, before, down,
                    reference != null && reference.counted()));
        });
        return contexts;
    }

    private static Point rowsOrNull(Point point) {
        return point != null && point.knownRows() ? point : null;
    }

    /**
     * Returns whether the statistics of the whole source were reset: every table that had
     * counted rows shows lower counters now.
     */
    private static boolean statisticsReset(Iterable<Context> contexts) {
        boolean anyDown = false;
        for (Context context : contexts) {
            if (context.counted()) {
                if (!context.countersDown()) {
                    return false;
                }
                anyDown = true;
            }
        }
        return anyDown;
    }

    private Optional<Fired> judgeRows(TableKey key, Context context, boolean statisticsReset) {
        Candidate candidate = pending.remove(key);
        if (context.reset(statisticsReset)) {
            return Optional.empty();
        }
        Thresholds limits = thresholds(key);
        Point now = context.now();
        if (candidate != null) {
            Point before = Point.higher(context.before(), candidate.before());
            return RowRules.judge(before, now, limits, context.countersDown())
                    .map(rule -> fired(key, rule, before, now, candidate.firstSeen()));
        }
        Point before = context.before();
        Optional<Rule> rule = RowRules.judge(before, now, limits, context.countersDown());
        if (rule.isEmpty()) {
            return Optional.empty();
        }
        if (before.exact() && now.exact()) {
            return Optional.of(fired(key, rule.get(), before, now, now.time()));
        }
        pending.put(key, new Candidate(rule.get(), before, now));
        return Optional.empty();
    }

    private static Fired fired(TableKey key, Rule rule, Point before, Point now,
            Instant firstSeen) {
        return new Fired(new TableDetection(key.schema(), key.table(), rule, before.liveRows(),
                now.liveRows(), before.time(), !(before.exact() && now.exact())), firstSeen);
    }

    private void update(Map<TableKey, Point> current, Map<TableKey, Context> contexts,
            boolean statisticsReset) {
        tracks.keySet().retainAll(current.keySet());
        pending.keySet().retainAll(current.keySet());
        current.forEach((key, now) -> {
            TableTrack track = tracks.computeIfAbsent(key, k -> new TableTrack());
            if (contexts.get(key).reset(statisticsReset)) {
                track.restart(now);
            } else {
                track.add(now);
            }
        });
    }

    /** Builds the detection, and accepts the state it found as the new normal. */
    private Detection detection(List<Fired> fired, Instant time) {
        List<Fired> all = new ArrayList<>(fired);
        pending.forEach((key, candidate) -> all.add(fired(key, candidate.rule(),
                candidate.before(), candidate.now(), candidate.now().time())));
        all.sort(Comparator.comparing(f -> f.table().name()));
        List<TableDetection> tables = all.stream().map(Fired::table).toList();
        Rule rule = tables.stream().map(TableDetection::rule).min(Comparator.naturalOrder())
                .orElseThrow();
        Instant firstSeen = all.stream().map(Fired::firstSeen).min(Comparator.naturalOrder())
                .orElseThrow();
        acknowledged = time;
        pending.clear();
        tracks.values().forEach(TableTrack::keepLast);
        return new Detection(source, rule, tables, firstSeen, time, policy.action());
    }

    private Thresholds thresholds(TableKey key) {
        // Ignored tables never reach a track or a reading map, so the policy has thresholds.
        return policy.thresholds(key.name()).orElse(policy.defaults());
    }

    /** A table's identity across readings. */
    private record TableKey(String schema, String table) {
        String name() {
            return schema + "." + table;
        }
    }

    /** The earlier states that one reading is compared with. */
    private record Round(Instant time, Instant windowStart, boolean gap, Instant baselineTime,
            Map<TableKey, Point> baseline) {
    }

    /**
     * One table of a reading with what it is compared against.
     *
     * @param before the rows to compare with, or null when there is nothing to compare
     * @param countersDown whether a counter went down since the previous state
     * @param counted whether the previous state had counted any row
     */
    private record Context(Point now, Point before, boolean countersDown, boolean counted) {
        /**
         * Returns whether the table's statistics were reset rather than its rows removed: its
         * counters went down with everyone else's, or its rows did not fall to about zero.
         */
        boolean reset(boolean statisticsReset) {
            return countersDown && (statisticsReset || !RowRules.nearlyEmptied(before, now));
        }
    }

    /** A table whose estimated damage waits for the next reading to confirm it. */
    private record Candidate(Rule rule, Point before, Point now) {
        Instant firstSeen() {
            return now.time();
        }
    }

    /** A damaged table and the reading that first showed the damage. */
    private record Fired(TableDetection table, Instant firstSeen) {
    }
}
