package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.cli.Holdfast.OpenRepository;
import dev.holdfast.orchestrator.config.SourceConfig;
import dev.holdfast.orchestrator.dbsource.Rollback;
import dev.holdfast.orchestrator.dbsource.Rollback.Plan;
import dev.holdfast.orchestrator.dbsource.Rollback.Result;
import dev.holdfast.orchestrator.dbsource.Rollback.TableChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rollback", description = {
    "Puts a database of a database source back as a snapshot recorded it.",
    "A forensic snapshot first keeps the database as it is now; the snapshot is restored into "
            + "a new database, which then takes the original's name. The damaged database "
            + "stays on the server as NAME_damaged_TIME."})
final class RollbackCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SOURCE", description = "Database source to roll back.")
    private String sourceName;

    @Option(names = "--to", paramLabel = "SNAPSHOT", required = true,
            description = "Snapshot ID or unique prefix to roll back to.")
    private String snapshot;

    @Option(names = "--database", paramLabel = "NAME",
            description = "Database of the source, when it has several.")
    private String database;

    @Option(names = "--tag", paramLabel = "TAG",
            description = "Label to record in the forensic snapshot besides forensic and "
                    + "rollback (repeatable).")
    private List<String> tags = new ArrayList<>();

    @Option(names = "--dry-run",
            description = "Show what would change, table by table, and change nothing.")
    private boolean dryRun;

    private final Holdfast app;

    RollbackCommand(Holdfast app) {
        this.app = app;
    }

    @Override
    public Integer call() throws Exception {
        SourceConfig source = databaseSource();
        try (OpenRepository open = app.openRepository()) {
            Rollback rollback = new Rollback(open.repository(), source,
                    app.context().environment());
            Plan plan = rollback.plan(snapshot, database, app.context().clock().instant());
            if (dryRun) {
                print(plan, Optional.empty());
                return ExitCodes.SUCCESS;
            }
            Result result;
            try (ProgressLine progress = app.progress()) {
                List<String> forensicTags = new ArrayList<>(List.of("rollback"));
                forensicTags.addAll(tags);
                result = rollback.execute(plan, Holdfast.hostName(), forensicTags, progress);
            }
            result.warnings().forEach(app.printer()::warning);
            print(plan, Optional.of(result));
            return ExitCodes.SUCCESS;
        }
    }

    private SourceConfig databaseSource() throws Exception {
        Optional<SourceConfig> source = app.config().source(sourceName);
        if (source.isEmpty() || source.get().database().isEmpty()) {
            List<String> names = app.config().sources().stream()
                    .filter(s -> s.database().isPresent()).map(SourceConfig::name).toList();
            throw new CliException(ExitCodes.USAGE, "no database source \"" + sourceName
                    + "\" in \"" + app.config().file() + "\": expected one of " + names);
        }
        return source.get();
    }

    private void print(Plan plan, Optional<Result> result) {
        Printer printer = app.printer();
        String shortId = plan.snapshot().info().shortId();
        if (printer.json()) {
            printer.json(json(plan, result));
            return;
        }
        Table table = new Table("TABLE", ">NOW", ">IN " + shortId, ">CHANGE");
        for (TableChange change : plan.tables()) {
            table.row(change.table(), rows(change.rowsNow()), rows(change.rowsInSnapshot()),
                    difference(change));
        }
        table.lines().forEach(printer::info);
        if (result.isEmpty()) {
            printer.info("dry run: would take a forensic snapshot of source \"" + sourceName
                    + "\", restore snapshot " + shortId + " into \"" + plan.restoreName()
                    + "\", then rename it to \"" + plan.name() + "\" and keep the current "
                    + "database as \"" + plan.keptName() + "\"");
            return;
        }
        Result done = result.get();
        printer.info("rolled \"" + plan.name() + "\" back to snapshot " + shortId
                + "; the database as it was is kept as \"" + done.keptName()
                + "\" and in forensic snapshot " + done.forensicSnapshot().substring(0, 8));
        printer.info("rows written after " + plan.snapshot().info().time() + " are there: "
                + "query \"" + done.keptName() + "\", or restore them with holdfast restore "
                + done.forensicSnapshot().substring(0, 8) + " --into-database NAME");
    }

    private static String rows(long rows) {
        return rows < 0 ? "absent" : Long.toString(rows);
    }

    private static String difference(TableChange change) {
        if (change.rowsNow() < 0) {
            return "recreated";
        }
        if (change.rowsInSnapshot() < 0) {
            return "dropped";
        }
        long delta = change.rowsInSnapshot() - change.rowsNow();
        return (delta > 0 ? "+" : "") + delta + (change.exact() ? "" : " (estimate)");
    }

    private static Map<String, Object> json(Plan plan, Optional<Result> result) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("source", plan.snapshot().source());
        view.put("database", plan.name());
        view.put("snapshot", plan.snapshot().info().id());
        view.put("dry_run", result.isEmpty());
        List<Map<String, Object>> tables = new ArrayList<>();
        for (TableChange change : plan.tables()) {
            Map<String, Object> table = new LinkedHashMap<>();
            table.put("table", change.table());
            // Null marks a table absent now or in the snapshot, as in incidents.
            table.put("rows_now", change.rowsNow() < 0 ? null : change.rowsNow());
            table.put("rows_in_snapshot", change.rowsInSnapshot() < 0 ? null
                    : change.rowsInSnapshot());
            table.put("exact", change.exact());
            tables.add(table);
        }
        view.put("tables", tables);
        view.put("kept_database", result.map(Result::keptName).orElse(plan.keptName()));
        result.ifPresent(r -> view.put("forensic_snapshot", r.forensicSnapshot()));
        return view;
    }
}
