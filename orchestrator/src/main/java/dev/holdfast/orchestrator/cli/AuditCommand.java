package dev.holdfast.orchestrator.cli;

import dev.holdfast.repository.CheckReport.Problem;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.audit.AuditEntry;
import dev.holdfast.repository.audit.AuditVerifier;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

@Command(name = "audit", description = "Lists the audit trail, one entry per action that "
        + "changed the repository, and states whether its hash chain and the entries that "
        + "snapshots name verify.")
final class AuditCommand extends RepositoryCommand<AuditVerifier.Result> {
    AuditCommand(Holdfast app) {
        super(app);
    }

    @Override
    AuditVerifier.Result work(Repository repository) throws Exception {
        return repository.auditTrail();
    }

    @Override
    int report(AuditVerifier.Result result) throws CliException {
        Printer printer = app.printer();
        if (printer.json()) {
            printer.json(json(result));
        } else {
            table(result, app.context().zone()).forEach(printer::result);
            for (Problem problem : result.problems()) {
                printer.result(CheckCommand.line(problem));
            }
        }
        if (!result.verified()) {
            throw new CliException(ExitCodes.DAMAGED_DATA, "the audit trail does not verify: "
                    + Units.plural(result.problems().size(), "problem") + "; entries were "
                    + "removed, altered or swapped on a provider");
        }
        printer.info("the audit trail verifies: " + Units.plural(result.entries().size(),
                "entry", "entries") + " in one unbroken chain");
        return ExitCodes.SUCCESS;
    }

    static List<String> table(AuditVerifier.Result result, ZoneId zone) {
        Table table = new Table("Seq", "Time", "Host", "User", "Action", "Details");
        for (AuditVerifier.Listed listed : result.entries()) {
            AuditEntry entry = listed.entry();
            if (entry == null) {
                table.row(Long.toString(listed.seq()), "", "", "", "(damaged)", "");
                continue;
            }
            table.row(Long.toString(entry.seq()),
                    EntryFormat.TIME.format(Instant.parse(entry.time()).atZone(zone)),
                    entry.host(), entry.user(), entry.action(), details(entry.details()));
        }
        return table.lines();
    }

    private static String details(Map<String, String> details) {
        return details.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    static Map<String, Object> json(AuditVerifier.Result result) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (AuditVerifier.Listed listed : result.entries()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("seq", listed.seq());
            view.put("key", listed.key());
            view.put("sha256", HexFormat.of().formatHex(listed.hash()));
            AuditEntry entry = listed.entry();
            if (entry != null) {
                view.put("prev", HexFormat.of().formatHex(entry.prev()));
                view.put("time", entry.time());
                view.put("host", entry.host());
                view.put("user", entry.user());
                view.put("action", entry.action());
                view.put("details", entry.details());
            }
            if (listed.damage() != null) {
                view.put("damage", listed.damage());
            }
            entries.add(view);
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("verified", result.verified());
        view.put("entries", entries);
        view.put("problems", result.problems().stream()
                .map(p -> Map.<String, Object>of("object", p.object(), "message", p.message()))
                .toList());
        return view;
    }
}
