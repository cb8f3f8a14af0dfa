package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.cli.Holdfast.OpenRepository;
import dev.holdfast.repository.CheckReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "check", description = "Checks that every snapshot, tree and pack the "
        + "repository refers to exists and is intact.")
final class CheckCommand implements Callable<Integer> {
    @Option(names = "--read-data", description = "Also download every blob and verify its "
            + "authentication tag; reads the whole repository.")
    private boolean readData;

    private final Holdfast app;

    CheckCommand(Holdfast app) {
        this.app = app;
    }

    @Override
    public Integer call() throws Exception {
        CheckReport report;
        try (OpenRepository open = app.openRepository();
                ProgressLine progress = app.progress()) {
            report = open.repository().check(readData, progress);
        }
        if (Thread.currentThread().isInterrupted()) {
            // After Ctrl-C every read fails, and the report would list intact objects as damaged.
            throw new CliException(ExitCodes.INTERRUPTED, "check interrupted before it finished; "
                    + "run it again for a complete result");
        }
        print(report);
        if (!report.clean()) {
            throw new CliException(ExitCodes.DAMAGED_DATA, "check found "
                    + Units.plural(report.problems().size(), "problem") + " in the repository");
        }
        return ExitCodes.SUCCESS;
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
        printer.info("checked " + Units.plural(report.snapshots(), "snapshot") + ", "
                + Units.plural(report.trees(), "tree") + ", "
                + Units.plural(report.packs(), "pack") + ", "
                + Units.plural(report.blobs(), "blob")
                + (readData ? " (" + report.blobsRead() + " read and authenticated)" : ""));
        if (report.clean()) {
            printer.info("no problems found");
        }
    }
}
