package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.catalog.Catalog;
import dev.holdfast.orchestrator.catalog.CatalogException;
import dev.holdfast.orchestrator.catalog.Incident;
import dev.holdfast.orchestrator.catalog.Incidents;
import dev.holdfast.orchestrator.catalog.Incidents.Freeze;
import dev.holdfast.orchestrator.config.CatalogConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "incidents", description = {"Lists the bulk-deletion guard's incidents, newest "
        + "first.",
    "While an incident's freeze is active, forget keeps every snapshot of its source; lift "
            + "it once the data is safe."},
        subcommands = {IncidentsCommand.Show.class, IncidentsCommand.Lift.class})
final class IncidentsCommand implements Callable<Integer> {
    @Option(names = "--source", paramLabel = "NAME",
            description = "List only this source's incidents.")
    private String source;

    @Option(names = "--limit", paramLabel = "N",
            description = "How many incidents to list (default: 20).")
    private int limit = 20;

    private final Holdfast app;

    IncidentsCommand(Holdfast app) {
        this.app = app;
    }

    @Override
    public Integer call() throws Exception {
        if (limit < 1) {
            throw new CliException(ExitCodes.USAGE, "invalid --limit " + limit
                    + ": expected 1 or more");
        }
        List<Incident> incidents;
        Set<Long> frozen;
        try (Catalog catalog = openCatalog()) {
            incidents = catalog.incidents().list(source, limit);
            frozen = catalog.incidents().frozenSources().values().stream()
                    .flatMap(List::stream).map(Freeze::incidentId).collect(Collectors.toSet());
        } catch (CatalogException e) {
            throw new CliException(ExitCodes.FAILURE, e.getMessage(), e);
        }
        Printer printer = app.printer();
        IncidentViews views = new IncidentViews(app.context().zone());
        if (printer.json()) {
            printer.json(incidents.stream()
                    .map(i -> views.json(i, frozen.contains(i.id()))).toList());
        } else if (incidents.isEmpty()) {
            printer.info(source == null ? "no incidents recorded"
                    : "no incidents recorded for source \"" + source + "\"");
        } else {
            views.table(incidents, frozen).forEach(printer::result);
        }
        return ExitCodes.SUCCESS;
    }

    /** Opens the configured catalog; unlike a job's recording, a failure here is an error. */
    Catalog openCatalog() throws Exception {
        CatalogConfig config = app.config().catalog();
        if (!config.enabled()) {
            throw new CliException(ExitCodes.USAGE, "the catalog is disabled in \""
                    + app.config().file() + "\", and incidents are stored only there: remove "
                    + "catalog.enabled: false to use the bulk-deletion guard");
        }
        try {
            return Catalog.open(config, app.context().environment());
        } catch (CatalogException e) {
            throw new CliException(ExitCodes.FAILURE, e.getMessage(), e);
        }
    }

    /** Returns incident {@code id}, or fails with a message that names the list command. */
    static Incident find(Incidents incidents, long id, Catalog catalog)
            throws CatalogException, CliException {
        return incidents.find(id).orElseThrow(() -> new CliException(ExitCodes.FAILURE,
                "incident " + id + " not found in the " + catalog.description()
                        + ": list the incidents with holdfast incidents"));
    }

    @Command(name = "show", description = "Shows one incident: its tables with the rows before "
            + "and after, its snapshots and its freezes.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        private IncidentsCommand parent;

        @Parameters(paramLabel = "ID", description = "The incident's number, as listed.")
        private long id;

        @Override
        public Integer call() throws Exception {
            Incident incident;
            List<Freeze> freezes;
            try (Catalog catalog = parent.openCatalog()) {
                incident = find(catalog.incidents(), id, catalog);
                freezes = catalog.incidents().freezes(id);
            } catch (CatalogException e) {
                throw new CliException(ExitCodes.FAILURE, e.getMessage(), e);
            }
            Printer printer = parent.app.printer();
            IncidentViews views = new IncidentViews(parent.app.context().zone());
            if (printer.json()) {
                printer.json(views.json(incident, freezes));
            } else {
                views.details(incident, freezes).forEach(printer::result);
            }
            return ExitCodes.SUCCESS;
        }
    }

    @Command(name = "lift", description = {"Lifts the retention freeze of an incident and "
            + "closes it: forget applies the source's retention policy again.",
        "Check first that the snapshots the incident needs are safe, such as by restoring the "
                + "one taken before the damage."})
    static final class Lift implements Callable<Integer> {
        @ParentCommand
        private IncidentsCommand parent;

        @Parameters(paramLabel = "ID", description = "The incident's number, as listed.")
        private long id;

        @Option(names = "--reason", paramLabel = "TEXT", required = true,
                description = "Why the freeze can go, recorded with the incident (required).")
        private String reason;

        @Override
        public Integer call() throws Exception {
            if (reason.isBlank()) {
                throw new CliException(ExitCodes.USAGE, "empty --reason: say why the freeze "
                        + "can go, such as \"restored and checked the orders table\"");
            }
            Holdfast app = parent.app;
            String liftedBy = Holdfast.defaultKeyLabel();
            try (Catalog catalog = parent.openCatalog()) {
                Incidents incidents = catalog.incidents();
                Incident incident = find(incidents, id, catalog);
                int lifted = incidents.lift(id, app.context().clock().instant(), liftedBy,
                        reason.strip());
                List<Freeze> remaining = incidents.frozenSources()
                        .getOrDefault(incident.source(), List.of());
                report(app.printer(), incident, lifted, remaining);
            } catch (CatalogException e) {
                throw new CliException(ExitCodes.FAILURE, e.getMessage(), e);
            }
            return ExitCodes.SUCCESS;
        }

        private void report(Printer printer, Incident incident, int lifted,
                List<Freeze> remaining) {
            if (printer.json()) {
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("id", incident.id());
                view.put("source", incident.source());
                view.put("freezes_lifted", lifted);
                view.put("state", Incident.CLOSED);
                view.put("still_frozen_by", remaining.stream().map(Freeze::incidentId)
                        .distinct().toList());
                printer.json(view);
                return;
            }
            if (lifted == 0) {
                printer.info("incident " + id + " had no active freeze; it is closed");
            } else {
                printer.info("lifted the freeze of source \"" + incident.source()
                        + "\" by incident " + id + " and closed the incident");
            }
            if (remaining.isEmpty()) {
                printer.info("forget applies the retention policy of source \""
                        + incident.source() + "\" again");
            } else {
                printer.warning(RetentionFreezes.describe(incident.source(), remaining));
            }
        }
    }
}
