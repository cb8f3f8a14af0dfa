package dev.holdfast.restoretester.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.holdfast.restoretester.SourceKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The restore tests of one source.
 *
 * @param name the source's name
 * @param kind what it backs up
 * @param newestSnapshot when its newest snapshot was taken, or null when it has none
 * @param dataAgeSeconds the newest snapshot's age when the test started (the recovery point),
 *     or -1 when there is none
 * @param checks checks of the source itself, such as whether its snapshots could be listed
 * @param snapshots the snapshots tested, the newest first
 */
@JsonIgnoreProperties(value = "verdict", allowGetters = true)
public record SourceReport(String name, SourceKind kind, Instant newestSnapshot,
        long dataAgeSeconds, List<Check> checks, List<SnapshotTest> snapshots) {
    public SourceReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        checks = checks == null ? List.of() : List.copyOf(checks);
        snapshots = snapshots == null ? List.of() : List.copyOf(snapshots);
    }

    /** Returns every check of the source and of its snapshots. */
    public List<Check> allChecks() {
        List<Check> all = new ArrayList<>(checks);
        snapshots.forEach(snapshot -> all.addAll(snapshot.checks()));
        return all;
    }

    /** Returns whether every check passed; written to JSON, and derived again on reading. */
    @JsonProperty("verdict")
    public Verdict verdict() {
        return Verdict.of(allChecks());
    }

    /** Returns the sum of the restore times of its snapshots. */
    public long restoreMillis() {
        return snapshots.stream().mapToLong(SnapshotTest::restoreMillis).sum();
    }
}
