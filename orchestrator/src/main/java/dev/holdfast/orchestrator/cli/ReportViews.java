package dev.holdfast.orchestrator.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdfast.orchestrator.catalog.RestoreTestReports;
import dev.holdfast.restoretester.report.Figures;
import dev.holdfast.restoretester.report.ReportJson;
import dev.holdfast.restoretester.report.ReportText;
import dev.holdfast.restoretester.report.RestoreTestReport;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalLong;

/** Prints restore test reports and their list, as text or as JSON. */
final class ReportViews {
    private ReportViews() {
    }

    /** Prints one report: its text rendering, or with --json the report as JSON. */
    static void print(Printer printer, OptionalLong id, RestoreTestReport report, ZoneId zone) {
        if (printer.json()) {
            ObjectNode view = ReportJson.mapper().createObjectNode();
            if (id.isPresent()) {
                view.put("id", id.getAsLong());
            } else {
                view.putNull("id");
            }
            view.set("report", ReportJson.mapper().valueToTree(report));
            printer.json(view);
            return;
        }
        if (id.isPresent()) {
            printer.result("Report " + id.getAsLong());
        }
        ReportText.render(report, zone).forEach(printer::result);
    }

    /** Returns where the operator finds the whole report. */
    static String whereToRead(OptionalLong id) {
        return id.isPresent() ? "read it with holdfast reports show " + id.getAsLong()
                : "the report above has the reasons";
    }

    /** Returns the table of stored runs, newest first. */
    static List<String> table(List<RestoreTestReports.Row> rows, ZoneId zone) {
        Table table = new Table(">ID", "Started", "Verdict", ">Failed", ">Restore", "Sources",
                "Snapshot");
        for (RestoreTestReports.Row row : rows) {
            table.row(Long.toString(row.id()),
                    EntryFormat.TIME.format(row.started().atZone(zone)), row.verdict().label(),
                    Integer.toString(row.checksFailed()), Figures.millis(row.restoreMillis()),
                    String.join(", ", row.sources()),
                    row.snapshotId() == null ? "-" : row.snapshotId().substring(0, 8));
        }
        return table.lines();
    }

    /** Returns one row of the list as JSON. */
    static ObjectNode json(RestoreTestReports.Row row) {
        ObjectNode view = ReportJson.mapper().createObjectNode();
        view.put("id", row.id());
        view.put("started", row.started().toString());
        view.put("finished", row.finished().toString());
        view.put("verdict", row.verdict().label());
        view.put("host", row.host());
        view.put("restore_millis", row.restoreMillis());
        view.put("checks_failed", row.checksFailed());
        view.putPOJO("sources", row.sources());
        view.put("snapshot_id", row.snapshotId());
        return view;
    }
}
