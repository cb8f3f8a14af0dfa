package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.catalog.Catalog;
import dev.holdfast.orchestrator.catalog.JobRecorder;
import dev.holdfast.orchestrator.catalog.JobRecorder.Run;
import dev.holdfast.orchestrator.cli.Holdfast.OpenRepository;
import dev.holdfast.orchestrator.config.HoldfastConfig;
import dev.holdfast.orchestrator.config.JobKinds;
import dev.holdfast.orchestrator.config.RestoreTestConfig;
import dev.holdfast.orchestrator.config.SourceConfig;
import dev.holdfast.orchestrator.restoretest.FailureNotifier;
import dev.holdfast.orchestrator.restoretest.RecordedRestoreTest;
import dev.holdfast.orchestrator.restoretest.RecordedRestoreTest.Outcome;
import dev.holdfast.orchestrator.restoretest.RepositoryRestorer;
import dev.holdfast.orchestrator.restoretest.RestoreTestSources;
import dev.holdfast.orchestrator.restoretest.RestoreTestWebhook;
import dev.holdfast.restoretester.RestoreTestOptions;
import dev.holdfast.restoretester.report.RestoreTestReport;
import dev.holdfast.restoretester.report.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "restore-test", description = {"Restores the newest snapshot and a random "
        + "older one of each source into throwaway environments and verifies them.",
    "The report is stored in the catalog and in the repository; list it with holdfast "
            + "reports. Exits with status 16 when a check failed."})
final class RestoreTestCommand implements Callable<Integer> {
    @Option(names = "--source", paramLabel = "NAME",
            description = "Test only this source of the configuration (repeatable).")
    private List<String> sourceNames = new ArrayList<>();

    @Option(names = "--older", paramLabel = "N", description = "Older snapshots to test per "
            + "source, picked at random (default: restore-test.older-snapshots, else 1).")
    private Integer older;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the random choice, "
            + "to repeat the choice of an earlier run (default: a new one).")
    private Long seed;

    private final Holdfast app;

    RestoreTestCommand(Holdfast app) {
        this.app = app;
    }

    @Override
    public Integer call() throws Exception {
        HoldfastConfig config = app.config();
        List<SourceConfig> sources = selectedSources(config);
        RestoreTestOptions options = options(config.restoreTest());
        try (JobRecorder recorder = app.jobRecorder()) {
            Run run = recorder.start(JobKinds.RESTORE_TEST, null);
            try {
                Outcome outcome = test(config, sources, options, recorder, run);
                return finish(outcome, run);
            } catch (Exception | Error e) {
                run.failed(e);
                throw e;
            }
        }
    }

    private Outcome test(HoldfastConfig config, List<SourceConfig> sources,
            RestoreTestOptions options, JobRecorder recorder, Run run) throws Exception {
        FailureNotifier notifier = RestoreTestWebhook.configured(config.restoreTest(),
                app.context().environment(), app.printer()::warning);
        try (OpenRepository open = app.openRepository()) {
            run.repository(open.repository().id());
            RecordedRestoreTest test = new RecordedRestoreTest(open.repository(),
                    new RepositoryRestorer(open.repository(), config.sources()),
                    recorder.catalog().map(Catalog::restoreTestReports), notifier,
                    app.context().clock(), app.context().zone(), app.printer()::warning);
            Outcome outcome = test.run(RestoreTestSources.of(config, sources), options);
            if (outcome.reportSnapshot().isPresent()) {
                // The catalog's snapshot list shows the report snapshot without a rebuild.
                recorder.snapshotAdded(open.repository().id(),
                        open.repository().snapshot(outcome.reportSnapshot().get()));
            }
            return outcome;
        }
    }

    private RestoreTestOptions options(RestoreTestConfig config) throws CliException {
        int count = older != null ? older : config.olderSnapshots();
        if (count < 0) {
            throw new CliException(ExitCodes.USAGE, "invalid --older " + count + ": expected "
                    + "a whole number of 0 or more");
        }
        RestoreTestOptions options = RestoreTestOptions.defaults().withVolume(config.volume())
                .withStateFolder(config.stateFolder()).withOlderSnapshots(count)
                .withHost(Holdfast.hostName())
                .withDatabaseEnvironment(config.databaseEnvironment())
                .withImages(config.images());
        return seed == null ? options : options.withSeed(seed);
    }

    private List<SourceConfig> selectedSources(HoldfastConfig config) throws CliException {
        if (sourceNames.isEmpty()) {
            if (config.sources().isEmpty()) {
                throw new CliException(ExitCodes.USAGE, "nothing to test: add sources to \""
                        + config.file() + "\"");
            }
            return config.sources();
        }
        List<String> known = config.sources().stream().map(SourceConfig::name).toList();
        List<SourceConfig> selected = new ArrayList<>();
        for (String name : sourceNames) {
            selected.add(config.source(name).orElseThrow(() -> new CliException(
                    ExitCodes.USAGE, "unknown source \"" + name + "\": expected one of "
                            + known + " from \"" + config.file() + "\"")));
        }
        return selected;
    }

    /** Records the figures, prints the report and returns the status. */
    private int finish(Outcome outcome, Run run) throws CliException {
        if (outcome.interrupted()) {
            throw new CliException(ExitCodes.INTERRUPTED, "restore test interrupted; its "
                    + "report is incomplete and was not stored");
        }
        RestoreTestReport report = outcome.report();
        outcome.reportId().ifPresent(id -> run.figure("report_id", id));
        outcome.reportSnapshot().ifPresent(id -> run.figure("report_snapshot", id));
        run.figure("verdict", report.verdict().label())
                .figure("restore_ms", report.restoreMillis())
                .figure("sources", report.sources().size())
                .figure("checks_failed", report.failures().size());
        ReportViews.print(app.printer(), outcome.reportId(), report, app.context().zone());
        if (report.verdict() == Verdict.PASSED) {
            run.succeeded();
            return ExitCodes.SUCCESS;
        }
        CliException failed = new CliException(ExitCodes.RESTORE_TEST_FAILED,
                "restore test failed: " + Units.plural(report.failures().size(), "check")
                        + " failed; " + ReportViews.whereToRead(outcome.reportId()));
        run.failed(failed);
        throw failed;
    }
}
