package dev.holdfast.orchestrator.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** Reads the rows of the incident tables into their records. */
final class IncidentRows {
    private IncidentRows() {
    }

    static Incident incident(ResultSet rows, List<Incident.Table> tables) throws SQLException {
        return new Incident(rows.getLong("id"), rows.getString("source"),
                instant(rows, "detected_at"), instant(rows, "intact_at"), rows.getString("rule"),
                rows.getString("action"), rows.getString("state"), tables,
                rows.getString("forensic_snapshot_id"), rows.getString("restored_snapshot_id"),
                rows.getString("damaged_database"), rows.getString("message"),
                instant(rows, "updated_at"));
    }

    static Incident.Table table(ResultSet rows) throws SQLException {
        return new Incident.Table(rows.getString("schema_name"), rows.getString("table_name"),
                rows.getString("rule"), rows.getLong("rows_before"), rows.getLong("rows_after"),
                instant(rows, "before_at"), rows.getBoolean("estimated"));
    }

    static Incidents.Freeze freeze(ResultSet rows) throws SQLException {
        return new Incidents.Freeze(rows.getLong("id"), rows.getString("source"),
                instant(rows, "since"), rows.getLong("incident_id"), instant(rows, "lifted_at"),
                rows.getString("lifted_by"), rows.getString("lift_reason"));
    }

    /** Reads a row of {@code source, count, unresolved count, newest unresolved time}. */
    static Incidents.SourceSummary summary(ResultSet rows) throws SQLException {
        OffsetDateTime newest = rows.getObject(4, OffsetDateTime.class);
        return new Incidents.SourceSummary(rows.getString(1), rows.getLong(2), rows.getLong(3),
                newest == null ? null : newest.toInstant());
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime time = rows.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
