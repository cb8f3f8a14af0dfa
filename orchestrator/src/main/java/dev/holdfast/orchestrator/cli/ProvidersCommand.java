package dev.holdfast.orchestrator.cli;

import dev.holdfast.repository.Repository;
import dev.holdfast.repository.placement.ProviderStatus;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "providers", description = "Shows, for each provider of the repository, "
        + "whether it is reachable, its latency, what it stores, and how many objects it "
        + "lacks or stores beyond what the repository expects.")
final class ProvidersCommand extends RepositoryCommand<List<ProviderStatus>> {
    @Option(names = "--read-data", description = "Also download every expected object from "
            + "every provider and count the copies whose bytes fail their check; reads the "
            + "whole repository once per provider.")
    private boolean readData;

    ProvidersCommand(Holdfast app) {
        super(app);
    }

    @Override
    List<ProviderStatus> work(Repository repository) throws Exception {
        return repository.providerStatuses(readData);
    }

    @Override
    int report(List<ProviderStatus> statuses) throws CliException {
        print(statuses);
        List<String> unreachable = statuses.stream().filter(s -> !s.reachable())
                .map(s -> "\"" + s.provider() + "\"").toList();
        if (!unreachable.isEmpty()) {
            throw new CliException(ExitCodes.FAILURE, "provider " + String.join(", ", unreachable)
                    + (unreachable.size() == 1 ? " is" : " are") + " unreachable; fix the "
                    + "provider, then run holdfast repair");
        }
        long incomplete = statuses.stream()
                .filter(s -> s.missing() > 0 || s.damaged() > 0).count();
        if (incomplete > 0) {
            throw new CliException(ExitCodes.DAMAGED_DATA, Units.plural(incomplete, "provider")
                    + " lack objects or hold damaged copies; run holdfast repair");
        }
        return ExitCodes.SUCCESS;
    }

    private void print(List<ProviderStatus> statuses) {
        Printer printer = app.printer();
        if (printer.json()) {
            printer.json(statuses.stream().map(JsonViews::provider).toList());
            return;
        }
        table(statuses, readData).forEach(printer::result);
        for (ProviderStatus status : statuses) {
            if (!status.reachable()) {
                printer.result("provider \"" + status.provider() + "\": " + status.error());
            }
        }
    }

    static List<String> table(List<ProviderStatus> statuses, boolean readData) {
        Table table = readData
                ? new Table("Provider", "Role", "Status", ">Latency", ">Objects", ">Size",
                        ">Missing", ">Extra", ">Damaged")
                : new Table("Provider", "Role", "Status", ">Latency", ">Objects", ">Size",
                        ">Missing", ">Extra");
        for (ProviderStatus status : statuses) {
            String role = status.target() ? "target" : "read only";
            if (!status.reachable()) {
                String[] cells = {status.provider(), role, "unreachable", "-", "-", "-", "-", "-",
                    "-"};
                table.row(readData ? cells : Arrays.copyOf(cells, 8));
                continue;
            }
            String latency = status.latency().toMillis() + " ms";
            String[] cells = {status.provider(), role, "ok", latency,
                Long.toString(status.objects()), Units.bytes(status.bytes()),
                Integer.toString(status.missing()), Integer.toString(status.extra()),
                Integer.toString(status.damaged())};
            table.row(readData ? cells : Arrays.copyOf(cells, 8));
        }
        return table.lines();
    }
}
