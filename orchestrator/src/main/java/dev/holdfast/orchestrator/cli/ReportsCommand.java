package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.catalog.Catalog;
import dev.holdfast.orchestrator.catalog.CatalogException;
import dev.holdfast.orchestrator.catalog.RestoreTestReports;
import dev.holdfast.orchestrator.config.CatalogConfig;
import dev.holdfast.restoretester.report.ReportHtml;
import dev.holdfast.storage.filesystem.IoFailures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "reports", description = {"Lists the restore test reports in the catalog, "
        + "newest first.", "Show one with holdfast reports show ID."},
        subcommands = ReportsCommand.Show.class)
final class ReportsCommand implements Callable<Integer> {
    @Option(names = "--limit", paramLabel = "N",
            description = "How many reports to list (default: 20).")
    private int limit = 20;

    private final Holdfast app;

    ReportsCommand(Holdfast app) {
        this.app = app;
    }

    @Override
    public Integer call() throws Exception {
        if (limit < 1) {
            throw new CliException(ExitCodes.USAGE, "invalid --limit " + limit + ": expected "
                    + "a whole number of 1 or more");
        }
        List<RestoreTestReports.Row> rows;
        try (Catalog catalog = openCatalog()) {
            rows = catalog.restoreTestReports().recent(limit);
        } catch (CatalogException e) {
            throw new CliException(ExitCodes.FAILURE, e.getMessage(), e);
        }
        Printer printer = app.printer();
        if (printer.json()) {
            printer.json(rows.stream().map(ReportViews::json).toList());
        } else if (rows.isEmpty()) {
            printer.info("no restore test reports yet: run one with holdfast restore-test");
        } else {
            ReportViews.table(rows, app.context().zone()).forEach(printer::result);
            printer.info(Units.plural(rows.size(), "report"));
        }
        return ExitCodes.SUCCESS;
    }

    /** Opens the configured catalog, where the reports are. */
    Catalog openCatalog() throws Exception {
        CatalogConfig config = app.config().catalog();
        if (!config.enabled()) {
            throw new CliException(ExitCodes.USAGE, "the catalog is disabled in \""
                    + app.config().file() + "\", and the reports are stored there: remove "
                    + "catalog.enabled: false");
        }
        try {
            return Catalog.open(config, app.context().environment());
        } catch (CatalogException e) {
            throw new CliException(ExitCodes.FAILURE, e.getMessage(), e);
        }
    }

    @Command(name = "show", description = "Prints one restore test report, or writes its "
            + "page with --html.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        private ReportsCommand parent;

        @Parameters(index = "0", paramLabel = "ID", description = "The report's ID, as "
                + "holdfast reports lists it.")
        private long id;

        @Option(names = "--html", paramLabel = "FILE", description = "Write the report as a "
                + "self-contained HTML page to FILE instead of printing it.")
        private Path html;

        @Override
        public Integer call() throws Exception {
            Holdfast app = parent.app;
            RestoreTestReports.Stored stored;
            try (Catalog catalog = parent.openCatalog()) {
                stored = catalog.restoreTestReports().find(id).orElseThrow(() ->
                        new CliException(ExitCodes.FAILURE, "no restore test report " + id
                                + " in the " + catalog.description() + ": list them with "
                                + "holdfast reports"));
            } catch (CatalogException e) {
                throw new CliException(ExitCodes.FAILURE, e.getMessage(), e);
            }
            if (html != null) {
                write(app, stored);
                return ExitCodes.SUCCESS;
            }
            ReportViews.print(app.printer(), OptionalLong.of(id), stored.report(),
                    app.context().zone());
            return ExitCodes.SUCCESS;
        }

        private void write(Holdfast app, RestoreTestReports.Stored stored) throws CliException {
            Path file = app.resolve(html);
            String page = ReportHtml.render(stored.report(), app.context().zone());
            try {
                Files.writeString(file, page, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliException(ExitCodes.FAILURE, "cannot write the report page to \""
                        + file + "\": " + IoFailures.reason(e) + "; choose a writable path", e);
            }
            app.printer().info("wrote report " + id + " to " + file);
        }
    }
}
