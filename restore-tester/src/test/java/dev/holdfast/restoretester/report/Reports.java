package dev.holdfast.restoretester.report;

import dev.holdfast.restoretester.SourceKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Sample reports for the tests of the renderers. */
final class Reports {
    static final Instant STARTED = Instant.parse("2025-03-01T04:30:00Z");
    static final String HOSTILE = "<script>alert('x')</script> & \"quoted\"";

    private Reports() {
    }

    /** Returns a run over two sources where one file's hash failed in the second. */
    static RestoreTestReport failed() {
        SnapshotTest passed = snapshot("a1b2c3d4e5f6", List.of(Check.passed("content hashes",
                12), Check.passed("environment removed", 1)));
        Check hashes = new Check("content hashes", CheckStatus.FAILED, 3, 1,
                "1 of 3 files differ from the recorded SHA-256", "check the restore volume",
                List.of("data/" + HOSTILE + ": recorded SHA-256 00, restored 01"));
        SnapshotTest failed = snapshot("ffee00112233", List.of(hashes,
                Check.skipped("symbolic link targets", "nothing to check")));
        SourceReport docs = new SourceReport("docs", SourceKind.FILES, STARTED.minusSeconds(3600),
                3600, List.of(Check.passed("snapshots listed", 4)), List.of(passed));
        SourceReport hostile = new SourceReport(HOSTILE, SourceKind.FILES,
                STARTED.minusSeconds(86_400), 86_400, List.of(), List.of(failed));
        List<TrendPoint> trend = List.of(
                new TrendPoint(STARTED.minus(Duration.ofDays(40)), Verdict.PASSED, 900),
                new TrendPoint(STARTED.minus(Duration.ofDays(2)), Verdict.PASSED, 1500),
                new TrendPoint(STARTED.minus(Duration.ofDays(1)), Verdict.FAILED, 2500),
                new TrendPoint(STARTED, Verdict.FAILED, 3000));
        return new RestoreTestReport(RestoreTestReport.FORMAT, "host-1", STARTED,
                STARTED.plusSeconds(42), 1234567890123L, 1,
                List.of(Check.passed("leftover environments removed", 1)),
                List.of("directory /tmp/holdfast-directory-abc of process 99"),
                List.of(docs, hostile), trend);
    }

    /** Returns a run over one source where every check passed, without a trend. */
    static RestoreTestReport passed() {
        SourceReport docs = new SourceReport("docs", SourceKind.FILES, STARTED, 0, List.of(),
                List.of(snapshot("a1b2c3d4e5f6", List.of(Check.passed("content hashes", 3)))));
        return new RestoreTestReport(RestoreTestReport.FORMAT, "host-1", STARTED,
                STARTED.plusSeconds(2), 5, 1, List.of(), List.of(), List.of(docs), List.of());
    }

    private static SnapshotTest snapshot(String id, List<Check> checks) {
        return new SnapshotTest(id, STARTED.minusSeconds(3600), SnapshotTest.NEWEST,
                "Temporary directory /tmp/holdfast-directory-x", 12, 4096, 1500, 300, 2730,
                checks, List.of("a warning"));
    }
}
