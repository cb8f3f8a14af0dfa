package dev.holdfast.restoretester.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The restore test of one snapshot: its figures and checks.
 *
 * @param snapshotId the snapshot's full ID
 * @param snapshotTime when its backup started
 * @param role {@value #NEWEST} or {@value #OLDER}: the newest snapshot of the source, or one
 *     picked at random among the older ones
 * @param environment what it was restored into, without any password
 * @param files regular files the snapshot recorded
 * @param bytes content bytes the snapshot recorded
 * @param restoreMillis how long the restore itself took (the recovery time), 0 when it did
 *     not run
 * @param verifyMillis how long the checks after the restore took
 * @param bytesPerSecond restored bytes per second of restore time, 0 when unknown
 * @param checks every check, in the order they ran
 * @param warnings what the restore reported without failing
 */
@JsonIgnoreProperties(value = "verdict", allowGetters = true)
public record SnapshotTest(String snapshotId, Instant snapshotTime, String role,
        String environment, long files, long bytes, long restoreMillis, long verifyMillis,
        long bytesPerSecond, List<Check> checks, List<String> warnings) {
    public static final String NEWEST = "newest";
    public static final String OLDER = "older";

    public SnapshotTest {
        Objects.requireNonNull(snapshotId, "snapshotId");
        Objects.requireNonNull(role, "role");
        environment = environment == null ? "" : environment;
        checks = checks == null ? List.of() : List.copyOf(checks);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** Returns whether every check passed; written to JSON, and derived again on reading. */
    @JsonProperty("verdict")
    public Verdict verdict() {
        return Verdict.of(checks);
    }

    /** Returns the first 8 characters of the ID, as tables show it. */
    public String shortId() {
        return snapshotId.length() > 8 ? snapshotId.substring(0, 8) : snapshotId;
    }
}
