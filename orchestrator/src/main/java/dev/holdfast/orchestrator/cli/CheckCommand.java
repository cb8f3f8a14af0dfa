package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.catalog.JobRecorder;
import dev.holdfast.orchestrator.catalog.JobRecorder.Run;
import dev.holdfast.orchestrator.cli.Holdfast.OpenRepository;
import dev.holdfast.repository.CheckReport;
import dev.holdfast.repository.placement.PlacementReport;
import dev.holdfast.repository.placement.PlacementViolation;
import dev.holdfast.repository.placement.ScrubReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "check", description = "Checks that every snapshot, tree and pack the "
        + "repository refers to exists and is intact and, on several providers, that every "
        + "object's copies meet the placement rules.")
final class CheckCommand implements Callable<Integer> {
    @Option(names = "--read-data", description = "Also download every blob and verify its "
            + "authentication tag; reads the whole repository.")
    private boolean readData;

    @Option(names = "--provider", paramLabel = "NAME", description = "Check only the copies "
            + "on this provider, reading from it alone: which objects it lacks and, with "
            + "--read-data, which of its copies are damaged.")
    private String provider;

    private final Holdfast app;

    CheckCommand(Holdfast app) {
        this.app = app;
    }

    @Override
    public Integer call() throws Exception {
        try (JobRecorder recorder = app.jobRecorder()) {
            Run run = recorder.start("check", null);
            try {
                int status = provider != null ? checkProvider(run) : check(run);
                run.succeeded();
                return status;
            } catch (Exception | Error e) {
                run.failed(e);
                throw e;
            }
        }
    }

    private int check(Run run) throws Exception {
        CheckReport report;
        try (OpenRepository open = app.openRepository();
                ProgressLine progress = app.progress()) {
            run.repository(open.repository().id());
            report = open.repository().check(readData, progress);
        }
        run.figure("read_data", readData).figure("snapshots", report.snapshots())
                .figure("packs", report.packs()).figure("blobs", report.blobs())
                .figure("problems", report.problems().size());
        // The service's metrics read these two: objects under-replicated and provider errors.
        report.placementIfChecked().ifPresent(placement -> run
                .figure("placement_violations", placement.failing().size())
                .figure("unreachable_providers", List.copyOf(placement.unreachable().keySet())));
        requireNotInterrupted();
        print(report);
        int violations = report.placementIfChecked().map(p -> p.violations().size()).orElse(0);
        if (!report.problems().isEmpty() || violations > 0) {
            throw new CliException(ExitCodes.DAMAGED_DATA, damageMessage(report.problems().size(),
                    violations));
        }
        if (!report.clean()) {
            PlacementReport placement = report.placement();
            throw new CliException(ExitCodes.FAILURE, Units.plural(
                    placement.unreachable().size(), "provider") + " could not be listed, so "
                    + "placement is unconfirmed for " + Units.plural(
                    placement.unconfirmed().size(), "object") + "; fix the provider and run "
                    + "holdfast check again");
        }
        return ExitCodes.SUCCESS;
    }

    private static String damageMessage(int problems, int violations) {
        String placement = Units.plural(violations, "object") + " whose copies break the "
                + "placement rules; run holdfast repair";
        if (violations == 0) {
            return "check found " + Units.plural(problems, "problem") + " in the repository";
        }
        if (problems == 0) {
            return "check found " + placement;
        }
        return "check found " + Units.plural(problems, "problem") + " in the repository and "
                + placement;
    }

    private void requireNotInterrupted() throws CliException {
        if (Thread.currentThread().isInterrupted()) {
            // After Ctrl-C every read fails, and the report would list intact objects as damaged.
            throw new CliException(ExitCodes.INTERRUPTED, "check interrupted before it finished; "
                    + "run it again for a complete result");
        }
    }

    /** Formats a problem as "damaged: OBJECT: MESSAGE", naming the object once. */
    static String line(CheckReport.Problem problem) {
        if (problem.message().contains(problem.object())) {
            return "damaged: " + problem.message();
        }
        return "damaged: " + problem.object() + ": " + problem.message();
    }

    private void print(CheckReport report) {
        Printer printer = app.printer();
        if (printer.json()) {
            printer.json(JsonViews.check(report));
            return;
        }
        for (CheckReport.Problem problem : report.problems()) {
            printer.result(line(problem));
        }
        report.placementIfChecked().ifPresent(placement -> printPlacement(printer, placement));
        for (String id : report.healedSnapshots()) {
            printer.result("snapshot " + id.substring(0, 8) + ": marked under-replicated, but "
                    + "every object it references now meets placement; run holdfast repair to "
                    + "record that");
        }
        printer.info("checked " + Units.plural(report.snapshots(), "snapshot") + ", "
                + Units.plural(report.trees(), "tree") + ", "
                + Units.plural(report.packs(), "pack") + ", "
                + Units.plural(report.blobs(), "blob")
                + (readData ? " (" + report.blobsRead() + " read and authenticated)" : ""));
        report.placementIfChecked().ifPresent(placement -> printer.info(summary(placement)));
        if (!report.unindexedPacks().isEmpty()) {
            printer.info("note: " + Units.plural(report.unindexedPacks().size(), "pack")
                    + " that no index file lists, left by an interrupted backup or prune; "
                    + "harmless, and holdfast prune deletes them");
        }
        if (report.clean()) {
            printer.info("no problems found");
        }
    }

    private static void printPlacement(Printer printer, PlacementReport placement) {
        for (PlacementViolation violation : placement.violations()) {
            printer.result("placement: " + violation);
        }
        for (Map.Entry<String, String> entry : placement.unreachable().entrySet()) {
            printer.result("unreachable: provider \"" + entry.getKey() + "\": "
                    + entry.getValue());
        }
    }

    private static String summary(PlacementReport placement) {
        String checked = "placement: checked " + Units.plural(placement.objects(), "object")
                + " on " + Units.plural(placement.providers(), "provider") + ": ";
        if (placement.holds()) {
            return checked + "every object meets the rules";
        }
        List<String> parts = new ArrayList<>();
        int violations = placement.violations().size();
        parts.add(violations + (violations == 1 ? " breaks" : " break") + " the rules");
        if (!placement.unconfirmed().isEmpty()) {
            parts.add(placement.unconfirmed().size() + " unconfirmed while a provider is "
                    + "unreachable");
        }
        return checked + String.join(", ", parts);
    }

    private int checkProvider(Run run) throws Exception {
        List<String> names = app.config().repository().providers();
        if (!names.contains(provider)) {
            throw new CliException(ExitCodes.USAGE, "unknown provider \"" + provider
                    + "\" for --provider: the repository's providers are " + names.stream()
                    .map(name -> "\"" + name + "\"").collect(Collectors.joining(", "))
                    + "; pass one of them");
        }
        ScrubReport report;
        try (OpenRepository open = app.openRepository();
                ProgressLine progress = app.progress()) {
            run.repository(open.repository().id());
            report = open.repository().checkProvider(provider, readData, progress);
        }
        run.figure("provider", provider).figure("read_data", readData)
                .figure("missing", report.missing().size())
                .figure("damaged", report.damaged().size());
        requireNotInterrupted();
        ScrubLines.print(app.printer(), report);
        if (!report.missing().isEmpty() || !report.damaged().isEmpty()) {
            throw new CliException(ExitCodes.DAMAGED_DATA, "provider \"" + provider + "\" lacks "
                    + Units.plural(report.missing().size(), "object") + " and holds "
                    + Units.plural(report.damaged().size(), "damaged copy", "damaged copies")
                    + "; run holdfast repair");
        }
        if (!report.unreadable().isEmpty()) {
            throw new CliException(ExitCodes.FAILURE, Units.plural(report.unreadable().size(),
                    "object") + " could not be read from provider \"" + provider + "\"; run "
                    + "this check again once the provider answers");
        }
        return ExitCodes.SUCCESS;
    }
}
