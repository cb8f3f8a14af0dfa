package dev.holdfast.restoretester.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The result of one restore test run over one or more sources: what a person reads as a page
 * and a machine reads as JSON.
 *
 * @param format the version of this layout, {@value #FORMAT}; readers reject newer ones
 * @param host the machine that ran the test
 * @param started when the run started
 * @param finished when it finished
 * @param seed the seed of the random choice of older snapshots, so a run can be repeated
 * @param olderSnapshots how many older snapshots per source the run was asked to test
 * @param checks checks of the run itself, such as the sweep of leftover environments
 * @param leftoversRemoved environments of earlier runs that died, removed at the start
 * @param sources one entry per source, in the order they were tested
 * @param trend earlier runs and this one, oldest first, for the chart of restore times
 */
@JsonIgnoreProperties(value = "verdict", allowGetters = true)
public record RestoreTestReport(int format, String host, Instant started, Instant finished,
        long seed, int olderSnapshots, List<Check> checks, List<String> leftoversRemoved,
        List<SourceReport> sources, List<TrendPoint> trend) {
    public static final int FORMAT = 1;

    public RestoreTestReport {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        host = host == null ? "" : host;
        checks = checks == null ? List.of() : List.copyOf(checks);
        leftoversRemoved = leftoversRemoved == null ? List.of() : List.copyOf(leftoversRemoved);
        sources = sources == null ? List.of() : List.copyOf(sources);
        trend = trend == null ? List.of() : List.copyOf(trend);
    }

    /** Returns whether every check passed; written to JSON, and derived again on reading. */
    @JsonProperty("verdict")
    public Verdict verdict() {
        return Verdict.of(allChecks());
    }

    /** Returns the checks of the run, of every source and of every snapshot. */
    public List<Check> allChecks() {
        List<Check> all = new ArrayList<>(checks);
        sources.forEach(source -> all.addAll(source.allChecks()));
        return all;
    }

    /** Returns every failed check with where it happened, in report order. */
    public List<Failure> failures() {
        List<Failure> failures = new ArrayList<>();
        checks.stream().filter(Failure::failed)
                .forEach(check -> failures.add(new Failure(null, null, check)));
        for (SourceReport source : sources) {
            source.checks().stream().filter(Failure::failed)
                    .forEach(check -> failures.add(new Failure(source.name(), null, check)));
            for (SnapshotTest snapshot : source.snapshots()) {
                snapshot.checks().stream().filter(Failure::failed).forEach(check ->
                        failures.add(new Failure(source.name(), snapshot.snapshotId(), check)));
            }
        }
        return failures;
    }

    /** Returns the sum of every snapshot's restore time. */
    public long restoreMillis() {
        return sources.stream().mapToLong(SourceReport::restoreMillis).sum();
    }

    public Duration duration() {
        return Duration.between(started, finished);
    }

    /** Returns this run as a point of the trend chart. */
    public TrendPoint trendPoint() {
        return new TrendPoint(started, verdict(), restoreMillis());
    }

    /** Returns this report with {@code points} as its trend. */
    public RestoreTestReport withTrend(List<TrendPoint> points) {
        return new RestoreTestReport(format, host, started, finished, seed, olderSnapshots,
                checks, leftoversRemoved, sources, points);
    }

    /**
     * A failed check and where it happened.
     *
     * @param source the source's name, or null for a check of the run
     * @param snapshotId the snapshot's ID, or null for a check of the source or the run
     */
    public record Failure(String source, String snapshotId, Check check) {
        static boolean failed(Check check) {
            return check.status() == CheckStatus.FAILED;
        }

        /** Returns where the failure happened, such as {@code docs, snapshot 3f2a9c01}. */
        public String place() {
            if (source == null) {
                return "restore test";
            }
            if (snapshotId == null) {
                return "source " + source;
            }
            String shortId = snapshotId.length() > 8 ? snapshotId.substring(0, 8) : snapshotId;
            return "source " + source + ", snapshot " + shortId;
        }
    }
}
