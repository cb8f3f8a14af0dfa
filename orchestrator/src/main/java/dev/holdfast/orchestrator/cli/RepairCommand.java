package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.catalog.JobRecorder;
import dev.holdfast.orchestrator.catalog.JobRecorder.Run;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.placement.DamagedCopy;
import dev.holdfast.repository.placement.RepairReport;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "repair", description = "Copies every missing or damaged object from a sound "
        + "copy to the providers that placement assigns it to. Reads every copy on every "
        + "target provider; safe to run again, and a run with nothing to do writes nothing.")
final class RepairCommand extends RepositoryCommand<RepairReport> {
    RepairCommand(Holdfast app) {
        super(app);
    }

    @Override
    RepairReport work(Repository repository) throws Exception {
        try (ProgressLine progress = app.progress("objects")) {
            return repository.repair(progress);
        }
    }

    @Override
    String jobKind() {
        return "repair";
    }

    /**
     * Records what repair did. Objects it could not repair are still under-replicated; with a
     * provider unreachable the count is unknown, so none is recorded.
     */
    @Override
    void record(RepairReport report, Run run, JobRecorder recorder, Repository repository) {
        run.figure("checked", report.checked()).figure("copied", report.totalCopied())
                .figure("replaced", report.replaced().size())
                .figure("unrepairable", report.unrepairable().size())
                .figure("unreachable_providers", List.copyOf(report.unreachable().keySet()));
        if (report.unreachable().isEmpty() && !report.interrupted()) {
            run.figure("under_replicated", report.unrepairable().size());
        }
    }

    @Override
    int report(RepairReport report) throws CliException {
        print(report);
        if (report.interrupted()) {
            throw interrupted("repair");
        }
        if (!report.unreachable().isEmpty()) {
            throw new CliException(ExitCodes.FAILURE, Units.plural(report.unreachable().size(),
                    "provider") + " could not be listed and were not repaired; fix them and run "
                    + "holdfast repair again");
        }
        if (!report.unrepairable().isEmpty()) {
            throw new CliException(ExitCodes.DAMAGED_DATA, Units.plural(
                    report.unrepairable().size(), "object") + " could not be repaired; run "
                    + "holdfast check for details");
        }
        return ExitCodes.SUCCESS;
    }

    /** Returns the error of a run that Ctrl-C stopped; the next run goes on from there. */
    static CliException interrupted(String command) {
        return new CliException(ExitCodes.INTERRUPTED, command + " interrupted before it "
                + "finished; run holdfast " + command + " again to go on");
    }

    /**
     * Prints each object that was not repaired and each provider that was not listed.
     *
     * @param outcome how a line about an object starts, such as "not repaired"
     */
    static void printProblems(Printer printer, RepairReport report, String outcome) {
        for (Map.Entry<String, String> entry : report.unrepairable().entrySet()) {
            printer.result(outcome + ": " + entry.getKey() + ": " + entry.getValue());
        }
        for (Map.Entry<String, String> entry : report.unreachable().entrySet()) {
            printer.result("unreachable: provider \"" + entry.getKey() + "\": "
                    + entry.getValue());
        }
    }

    private void print(RepairReport report) {
        Printer printer = app.printer();
        if (printer.json()) {
            printer.json(JsonViews.repair(report));
            return;
        }
        for (DamagedCopy copy : report.replaced()) {
            printer.result("replaced " + copy);
        }
        printProblems(printer, report, "not repaired");
        for (String id : report.recorded()) {
            printer.result("recorded: snapshot " + id.substring(0, 8) + " now meets placement; "
                    + "it is no longer shown as under-replicated");
        }
        Table table = new Table("Provider", ">Copied", ">Size");
        for (String provider : report.copied().keySet()) {
            table.row(provider, Integer.toString(report.copied().get(provider)),
                    Units.bytes(report.bytesCopied().get(provider)));
        }
        table.lines().forEach(printer::result);
        if (report.totalCopied() == 0 && report.complete()) {
            printer.info("checked " + Units.plural(report.checked(), "object")
                    + ": placement holds, nothing to repair");
        } else {
            printer.info("checked " + Units.plural(report.checked(), "object") + ", copied "
                    + Units.plural(report.totalCopied(), "object"));
        }
    }
}
