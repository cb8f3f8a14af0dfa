package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.cli.Holdfast.OpenRepository;
import dev.holdfast.orchestrator.config.ConfigException;
import dev.holdfast.orchestrator.config.HoldfastConfig;
import dev.holdfast.orchestrator.config.ProviderConfig;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.placement.DamagedCopy;
import dev.holdfast.repository.placement.Placement;
import dev.holdfast.repository.placement.RepairReport;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "copy", description = "Seeds a provider added to the repository: copies every "
        + "object that placement assigns to it from a sound copy on another provider. Objects "
        + "it already holds are read back and skipped when sound, so a run that was stopped "
        + "goes on where it stopped, and a second run copies nothing.")
final class CopyCommand extends RepositoryCommand<RepairReport> {
    @Option(names = "--to", required = true, paramLabel = "PROVIDER", description = "The "
            + "provider to fill: one of the names in repository.providers. A filesystem "
            + "provider's folder is created when missing.")
    private String target;

    @Option(names = "--all", description = "Copy every object even when placement does not "
            + "choose the provider as a target, to keep a full copy on a read-only provider.")
    private boolean all;

    CopyCommand(Holdfast app) {
        super(app);
    }

    @Override
    OpenRepository open() throws Exception {
        checkTarget(app.config());
        return app.openRepository(target);
    }

    @Override
    RepairReport work(Repository repository) throws Exception {
        try (ProgressLine progress = app.progress("objects")) {
            return repository.copyTo(target, progress);
        }
    }

    /** Rejects a provider that is not the repository's, or that placement assigns nothing. */
    private void checkTarget(HoldfastConfig config) throws CliException, ConfigException {
        List<String> names = config.repository().providers();
        if (!names.contains(target)) {
            boolean defined = config.providers().stream().map(ProviderConfig::name)
                    .anyMatch(target::equals);
            throw new CliException(ExitCodes.USAGE, (defined
                    ? "provider \"" + target + "\" for --to is not in repository.providers"
                    : "unknown provider \"" + target + "\" for --to")
                    + ": expected one of the repository's providers " + quoted(names)
                    + (defined ? ", or add it to repository.providers in " + config.file()
                            : ""));
        }
        if (names.size() == 1) {
            throw new CliException(ExitCodes.USAGE, "the repository has one provider ("
                    + quoted(names) + "), so there is no other to copy from: add the new "
                    + "provider to repository.providers in " + config.file());
        }
        Placement placement = config.repository().placement();
        if (!all && !placement.targets().contains(target)) {
            throw new CliException(ExitCodes.USAGE, "provider \"" + target + "\" is read only: "
                    + "placement chooses " + quoted(placement.targets()) + " for the "
                    + placement.rules().copies() + " copies, so it assigns nothing to \""
                    + target + "\"; raise copies so that placement chooses it, or pass --all "
                    + "to copy every object to it anyway");
        }
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(name -> "\"" + name + "\"").toList());
    }

    @Override
    int report(RepairReport report) throws CliException {
        print(report);
        if (report.interrupted()) {
            throw RepairCommand.interrupted("copy");
        }
        if (report.unreachable().containsKey(target)) {
            throw new CliException(ExitCodes.FAILURE, "provider \"" + target + "\" could not "
                    + "be listed, so nothing was copied; fix it and run holdfast copy again");
        }
        if (!report.unrepairable().isEmpty()) {
            throw new CliException(ExitCodes.DAMAGED_DATA, Units.plural(
                    report.unrepairable().size(), "object") + " could not be copied from any "
                    + "sound copy; run holdfast check for details");
        }
        return ExitCodes.SUCCESS;
    }

    private void print(RepairReport report) {
        Printer printer = app.printer();
        if (printer.json()) {
            printer.json(JsonViews.copy(target, report));
            return;
        }
        for (DamagedCopy copy : report.replaced()) {
            printer.result("replaced " + copy);
        }
        RepairCommand.printProblems(printer, report, "not copied");
        int copied = report.copied().get(target);
        Table table = new Table("", ">Objects", ">Size");
        table.row("copied", Integer.toString(copied),
                Units.bytes(report.bytesCopied().get(target)));
        table.row("skipped", Integer.toString(report.skipped().get(target)),
                Units.bytes(report.bytesSkipped().get(target)));
        table.row("failed", Integer.toString(report.unrepairable().size()),
                Units.bytes(report.bytesUnrepairable()));
        table.lines().forEach(printer::result);
        if (copied == 0 && report.complete()) {
            printer.info("provider \"" + target + "\" holds all "
                    + Units.plural(report.checked(), "object") + ": nothing to copy");
        } else {
            printer.info("checked " + Units.plural(report.checked(), "object") + ", copied "
                    + Units.plural(copied, "object") + " to provider \"" + target + "\"");
        }
    }
}
