package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.catalog.Incident;
import dev.holdfast.orchestrator.catalog.Incidents.Freeze;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The output of {@code holdfast incidents}: tables and details for people, and the JSON
 * shapes, whose snake_case keys are fixed here. Row counts of -1 mean unknown before and
 * absent (dropped) after, and show as "-".
 */
final class IncidentViews {
    private final ZoneId zone;

    IncidentViews(ZoneId zone) {
        this.zone = zone;
    }

    /** Returns the list of incidents as table lines. */
    List<String> table(List<Incident> incidents, Set<Long> frozen) {
        Table table = new Table(">ID", "Source", "Detected", "Rule", "Tables", "State",
                "Freeze");
        for (Incident incident : incidents) {
            List<Incident.Table> tables = incident.tables();
            String names = tables.isEmpty() ? "-" : tables.getFirst().name()
                    + (tables.size() > 1 ? " (+" + (tables.size() - 1) + ")" : "");
            table.row(Long.toString(incident.id()), incident.source(),
                    time(incident.detectedAt()), incident.rule(), names, incident.state(),
                    frozen.contains(incident.id()) ? "active" : "-");
        }
        return table.lines();
    }

    /** Returns the details of one incident as lines. */
    List<String> details(Incident incident, List<Freeze> freezes) {
        List<String> lines = new ArrayList<>();
        lines.add("incident " + incident.id() + " of source \"" + incident.source() + "\": "
                + incident.state());
        lines.add("  detected:          " + time(incident.detectedAt()));
        lines.add("  intact at:         " + time(incident.intactAt()));
        lines.add("  rule:              " + incident.rule() + " (action " + incident.action()
                + ")");
        lines.add("  forensic snapshot: " + orDash(incident.forensicSnapshotId()));
        lines.add("  restored snapshot: " + orDash(incident.restoredSnapshotId()));
        lines.add("  damaged database:  " + orDash(incident.damagedDatabase()));
        lines.add("  message:           " + orDash(incident.message()));

        lines.add("tables:");
        Table table = new Table("Table", "Rule", ">Rows before", ">Rows after", "Before at",
                "Figures");
        for (Incident.Table damaged : incident.tables()) {
            table.row(damaged.name(), damaged.rule(), rows(damaged.rowsBefore()),
                    rows(damaged.rowsAfter()), time(damaged.beforeAt()),
                    damaged.estimated() ? "estimated" : "counted");
        }
        table.lines().forEach(line -> lines.add("  " + line));

        lines.add("freezes:");
        for (Freeze freeze : freezes) {
            lines.add("  since " + time(freeze.since()) + ": " + (freeze.active() ? "active"
                    : "lifted at " + time(freeze.liftedAt()) + " by " + freeze.liftedBy()
                            + ": " + freeze.liftReason()));
        }
        if (freezes.isEmpty()) {
            lines.add("  none");
        }
        return lines;
    }

    /** Returns the JSON view of an incident in a list. */
    Map<String, Object> json(Incident incident, boolean frozen) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", incident.id());
        view.put("source", incident.source());
        view.put("detected_at", incident.detectedAt().toString());
        view.put("intact_at", incident.intactAt().toString());
        view.put("rule", incident.rule());
        view.put("action", incident.action());
        view.put("state", incident.state());
        view.put("frozen", frozen);
        view.put("forensic_snapshot", incident.forensicSnapshotId());
        view.put("restored_snapshot", incident.restoredSnapshotId());
        view.put("damaged_database", incident.damagedDatabase());
        view.put("message", incident.message());
        view.put("updated_at", incident.updatedAt().toString());
        view.put("tables", incident.tables().stream().map(IncidentViews::json).toList());
        return view;
    }

    /** Returns the JSON view of {@code incidents show}: the incident with its freezes. */
    Map<String, Object> json(Incident incident, List<Freeze> freezes) {
        Map<String, Object> view = json(incident, freezes.stream().anyMatch(Freeze::active));
        view.put("freezes", freezes.stream().map(IncidentViews::json).toList());
        return view;
    }

    private static Map<String, Object> json(Incident.Table table) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("schema", table.schema());
        view.put("table", table.table());
        view.put("rule", table.rule());
        view.put("rows_before", table.rowsBefore() < 0 ? null : table.rowsBefore());
        view.put("rows_after", table.rowsAfter() < 0 ? null : table.rowsAfter());
        view.put("before_at", table.beforeAt().toString());
        view.put("estimated", table.estimated());
        return view;
    }

    private static Map<String, Object> json(Freeze freeze) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("since", freeze.since().toString());
        view.put("active", freeze.active());
        view.put("lifted_at", freeze.liftedAt() == null ? null : freeze.liftedAt().toString());
        view.put("lifted_by", freeze.liftedBy());
        view.put("lift_reason", freeze.liftReason());
        return view;
    }

    private String time(Instant instant) {
        return EntryFormat.TIME.format(instant.atZone(zone));
    }

    private static String rows(long rows) {
        return rows < 0 ? "-" : Long.toString(rows);
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
