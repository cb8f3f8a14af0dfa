package dev.holdfast.orchestrator.restoretest;

import dev.holdfast.orchestrator.catalog.CatalogException;
import dev.holdfast.orchestrator.catalog.RestoreTestReports;
import dev.holdfast.orchestrator.restoretest.FailureNotifier.NotificationException;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.restoretester.RestoreTest;
import dev.holdfast.restoretester.RestoreTestOptions;
import dev.holdfast.restoretester.SnapshotRestorer;
import dev.holdfast.restoretester.TestSource;
import dev.holdfast.restoretester.report.RestoreTestReport;
import dev.holdfast.restoretester.report.TrendPoint;
import dev.holdfast.restoretester.report.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Runs a restore test and keeps its report: in the catalog with the trend of the last 30
 * days, in the repository as a report snapshot, and in a notification when it failed. A
 * report that cannot be kept somewhere is a warning, not a failure, because the test itself
 * has run and its verdict is final.
 */
public final class RecordedRestoreTest {
    private static final Duration TREND = Duration.ofDays(30);

    /**
     * A run's report and where it was kept.
     *
     * @param reportId the report's ID in the catalog, empty when it was not stored there
     * @param reportSnapshot the snapshot that stores it in the repository, or empty
     * @param interrupted whether the thread was interrupted during the test; the report is
     *     then incomplete, and neither stored nor sent
     */
    public record Outcome(RestoreTestReport report, OptionalLong reportId,
            Optional<String> reportSnapshot, boolean interrupted) {
    }

    private final Repository repository;
    private final SnapshotRestorer restorer;
    private final Optional<RestoreTestReports> catalog;
    private final FailureNotifier notifier;
    private final Clock clock;
    private final ZoneId zone;
    private final Consumer<String> warnings;

    /**
     * @param repository where the report snapshot is written
     * @param restorer what the test restores through, normally a {@link RepositoryRestorer}
     *     of the same repository
     * @param catalog where reports are stored, or empty without a catalog
     * @param zone the time zone of the stored page
     * @param warnings receives what could not be kept, for the operator
     */
    public RecordedRestoreTest(Repository repository, SnapshotRestorer restorer,
            Optional<RestoreTestReports> catalog, FailureNotifier notifier, Clock clock,
            ZoneId zone, Consumer<String> warnings) {
        this.repository = repository;
        this.restorer = restorer;
        this.catalog = catalog;
        this.notifier = notifier;
        this.clock = clock;
        this.zone = zone;
        this.warnings = warnings;
    }

    /** Tests {@code sources} and keeps the report. */
    public Outcome run(List<TestSource> sources, RestoreTestOptions options) {
        RestoreTestReport report = new RestoreTest(restorer, options, clock).run(sources);
        if (Thread.currentThread().isInterrupted()) {
            // A service that stops interrupts its jobs; the failures that follow are not the
            // backups' fault and must not reach the catalog or the webhook.
            return new Outcome(report, OptionalLong.empty(), Optional.empty(), true);
        }
        report = report.withTrend(trend(report));
        OptionalLong id = storeInCatalog(report);
        Optional<String> snapshot = storeInRepository(report);
        if (id.isPresent() && snapshot.isPresent()) {
            try {
                catalog.orElseThrow().snapshotStored(id.getAsLong(), snapshot.get());
            } catch (CatalogException e) {
                warn("the catalog does not record report snapshot " + snapshot.get() + ": "
                        + e.getMessage());
            }
        }
        if (report.verdict() == Verdict.FAILED) {
            notifyFailure(report, id);
        }
        return new Outcome(report, id, snapshot, false);
    }

    private List<TrendPoint> trend(RestoreTestReport report) {
        List<TrendPoint> points = new ArrayList<>();
        if (catalog.isPresent()) {
            try {
                points.addAll(catalog.get().trend(report.started().minus(TREND)));
            } catch (CatalogException e) {
                warn("the report's chart lacks earlier runs: " + e.getMessage());
            }
        }
        points.add(report.trendPoint());
        return points;
    }

    private OptionalLong storeInCatalog(RestoreTestReport report) {
        if (catalog.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(catalog.get().add(report, repository.id()));
        } catch (CatalogException e) {
            warn("the report is not stored in the catalog: " + e.getMessage());
            return OptionalLong.empty();
        }
    }

    private Optional<String> storeInRepository(RestoreTestReport report) {
        try {
            return Optional.of(ReportSnapshots.store(repository, report, zone));
        } catch (RepositoryException e) {
            warn("the report is not stored in repository " + repository.id() + ": "
                    + e.getMessage());
            return Optional.empty();
        }
    }

    private void notifyFailure(RestoreTestReport report, OptionalLong id) {
        try {
            notifier.restoreTestFailed(report, id);
        } catch (NotificationException e) {
            warn(e.getMessage());
        }
    }

    private void warn(String message) {
        warnings.accept(message);
    }
}
