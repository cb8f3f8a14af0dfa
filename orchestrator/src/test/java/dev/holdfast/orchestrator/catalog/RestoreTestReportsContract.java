package dev.holdfast.orchestrator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.orchestrator.config.CatalogConfig;
import dev.holdfast.restoretester.SourceKind;
import dev.holdfast.restoretester.report.Check;
import dev.holdfast.restoretester.report.CheckStatus;
import dev.holdfast.restoretester.report.RestoreTestReport;
import dev.holdfast.restoretester.report.SnapshotTest;
import dev.holdfast.restoretester.report.SourceReport;
import dev.holdfast.restoretester.report.TrendPoint;
import dev.holdfast.restoretester.report.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every catalog engine must do with restore test reports. */
abstract class RestoreTestReportsContract {
    static final Instant T0 = Instant.parse("2026-03-01T04:30:00.123456Z");

    abstract CatalogConfig freshCatalog() throws Exception;

    abstract Map<String, String> environment();

    private Catalog open() throws Exception {
        return Catalog.open(freshCatalog(), environment());
    }

    static RestoreTestReport report(Instant started, boolean docsPassed) {
        Check hashes = docsPassed ? Check.passed("content hashes", 3)
                : new Check("content hashes", CheckStatus.FAILED, 3, 1, "1 of 3 files differ",
                        "check the volume", List.of("a.txt: differs"));
        SnapshotTest snapshot = new SnapshotTest("a".repeat(64), started.minusSeconds(60),
                SnapshotTest.NEWEST, "Temporary directory", 3, 300, 1200, 100, 250,
                List.of(hashes), List.of());
        SourceReport docs = new SourceReport("docs", SourceKind.FILES,
                started.minusSeconds(60), 60, List.of(), List.of(snapshot));
        SourceReport empty = new SourceReport("empty", SourceKind.FILES, null, -1,
                List.of(Check.skipped("snapshots listed", "none")), List.of());
        return new RestoreTestReport(RestoreTestReport.FORMAT, "node-a", started,
                started.plusSeconds(5), 42, 1, List.of(), List.of(), List.of(docs, empty),
                List.of());
    }

    @Test
    void add_thenFind_returnsSameReport() throws Exception {
        RestoreTestReport report = report(T0, false);
        try (Catalog catalog = open()) {
            long id = catalog.restoreTestReports().add(report, "repo-1");

            RestoreTestReports.Stored stored = catalog.restoreTestReports().find(id)
                    .orElseThrow();

            assertThat(stored.report()).isEqualTo(report);
            assertThat(stored.snapshotId()).isNull();
        }
    }

    @Test
    void find_unknownId_isEmpty() throws Exception {
        try (Catalog catalog = open()) {
            assertThat(catalog.restoreTestReports().find(999)).isEmpty();
        }
    }

    @Test
    void recent_newestFirst_withSourcesAndSnapshot() throws Exception {
        try (Catalog catalog = open()) {
            RestoreTestReports reports = catalog.restoreTestReports();
            long first = reports.add(report(T0, true), "repo-1");
            long second = reports.add(report(T0.plus(Duration.ofDays(1)), false), "repo-1");
            reports.snapshotStored(second, "b".repeat(64));

            List<RestoreTestReports.Row> rows = reports.recent(10);

            assertThat(rows).extracting(RestoreTestReports.Row::id)
                    .containsExactly(second, first);
            RestoreTestReports.Row newest = rows.getFirst();
            assertThat(newest.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(newest.checksFailed()).isEqualTo(1);
            assertThat(newest.restoreMillis()).isEqualTo(1200);
            assertThat(newest.sources()).containsExactly("docs", "empty");
            assertThat(newest.snapshotId()).isEqualTo("b".repeat(64));
            assertThat(rows.get(1).snapshotId()).isNull();
            assertThat(reports.recent(1)).hasSize(1);
        }
    }

    @Test
    void trend_since_returnsLaterRunsOldestFirst() throws Exception {
        try (Catalog catalog = open()) {
            RestoreTestReports reports = catalog.restoreTestReports();
            reports.add(report(T0.minus(Duration.ofDays(40)), true), "repo-1");
            reports.add(report(T0, true), "repo-1");
            reports.add(report(T0.plus(Duration.ofDays(1)), false), "repo-1");

            List<TrendPoint> trend = reports.trend(T0.minus(Duration.ofDays(30)));

            assertThat(trend).containsExactly(new TrendPoint(T0, Verdict.PASSED, 1200),
                    new TrendPoint(T0.plus(Duration.ofDays(1)), Verdict.FAILED, 1200));
        }
    }

    @Test
    void lastPassedBySource_ignoresFailedRuns() throws Exception {
        try (Catalog catalog = open()) {
            RestoreTestReports reports = catalog.restoreTestReports();
            reports.add(report(T0, true), "repo-1");
            reports.add(report(T0.plus(Duration.ofDays(1)), false), "repo-1");

            Map<String, Instant> passed = reports.lastPassedBySource();

            assertThat(passed).containsOnlyKeys("docs", "empty");
            assertThat(passed.get("docs")).isEqualTo(T0.plusSeconds(5));
        }
    }
}
