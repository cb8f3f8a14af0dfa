package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.catalog.JobRecorder;
import dev.holdfast.orchestrator.catalog.JobRecorder.Run;
import dev.holdfast.orchestrator.cli.Holdfast.OpenRepository;
import dev.holdfast.orchestrator.config.ConfigException;
import dev.holdfast.repository.CheckReport;
import dev.holdfast.repository.check.PackSample;
import dev.holdfast.repository.placement.PlacementReport;
import dev.holdfast.repository.placement.PlacementViolation;
import dev.holdfast.repository.placement.ScrubReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "check", description = "Checks that every snapshot, tree and pack the "
        + "repository refers to exists and is intact and, on several providers, that every "
        + "object's copies meet the placement rules.")
final class CheckCommand implements Callable<Integer> {
    private static final Pattern NEXT = Pattern.compile("next(?:/(\\d{1,6}))?");

    @Option(names = "--read-data", description = "Also download every blob and verify its "
            + "authentication tag; reads the whole repository.")
    private boolean readData;

    @Option(names = "--read-data-subset", paramLabel = "SAMPLE", description = "Download "
            + "and verify only some packs: a random share such as 5%, slice n/m of a fixed "
            + "partition such as 3/20, or next (the slice after the one the previous such "
            + "check read, of as many slices as repository.scrub-share makes; the scheduled "
            + "scrub uses it).")
    private String subset;

    /** The sample that the check read, for the summary line. */
    private PackSample chosenSample;

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
            // A check that reads data is recorded as a scrub, so that the job runs and metrics
            // of the structure check and of the data check stay apart.
            Run run = recorder.start(readData || subset != null ? "scrub" : "check", null);
            try {
                if (provider != null && subset != null) {
                    throw new CliException(ExitCodes.USAGE, "--read-data-subset works on the "
                            + "whole repository: run it without --provider, or use "
                            + "--provider with --read-data");
                }
                int status = provider != null ? checkProvider(run) : check(run, recorder);
                run.succeeded();
                return status;
            } catch (Exception | Error e) {
                run.failed(e);
                throw e;
            }
        }
    }

    private int check(Run run, JobRecorder recorder) throws Exception {
        CheckReport report;
        PackSample sample;
        try (OpenRepository open = app.openRepository();
                ProgressLine progress = app.progress()) {
            run.repository(open.repository().id());
            sample = sample(run, recorder, open.repository().id());
            chosenSample = sample;
            report = open.repository().check(sample, progress);
        }
        run.figure("read_data", sample != null).figure("snapshots", report.snapshots())
                .figure("packs", report.packs()).figure("blobs", report.blobs())
                .figure("packs_read", report.packsRead())
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

    /** Returns the packs to read, or null for none; records a slice in the run's figures. */
    private PackSample sample(Run run, JobRecorder recorder, String repositoryId)
            throws CliException, ConfigException {
        if (subset == null) {
            return readData ? PackSample.ALL : null;
        }
        String text = subset.strip();
        Matcher next = NEXT.matcher(text);
        if (next.matches()) {
            int slices = next.group(1) == null ? app.config().repository().scrubSlices()
                    : Integer.parseInt(next.group(1));
            if (slices < 1) {
                throw new CliException(ExitCodes.USAGE, "invalid --read-data-subset \""
                        + subset + "\": next/m needs at least one slice, such as next/20");
            }
            int slice = ScrubRotation.next(recorder.catalog(), repositoryId, slices,
                    app.context().clock());
            run.figure(ScrubRotation.SLICE, slice).figure(ScrubRotation.SLICES, slices);
            return PackSample.slice(slice, slices);
        }
        try {
            PackSample parsed = PackSample.parse(text);
            if (parsed instanceof PackSample.Slice slice) {
                run.figure(ScrubRotation.SLICE, slice.n()).figure(ScrubRotation.SLICES,
                        slice.m());
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "invalid --read-data-subset: "
                    + e.getMessage() + ", or next");
        }
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
                + readSummary(report));
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

    private String readSummary(CheckReport report) {
        if (!readData && subset == null) {
            return "";
        }
        if (report.packsRead() == report.packs()) {
            return " (" + report.blobsRead() + " read and authenticated)";
        }
        return " (" + report.blobsRead() + " read and authenticated, in "
                + Units.plural(report.packsRead(), "pack") + " of the " + report.packs()
                + (chosenSample == null ? "" : ", " + chosenSample.describe()) + ")";
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
