package dev.holdfast.orchestrator.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The guard's incidents ({@code incidents}, {@code incident_tables}) and the retention freezes
 * they impose ({@code retention_freezes}). Unlike the snapshot cache, these rows exist only in
 * the catalog: {@code holdfast catalog rebuild} cannot recreate them.
 */
public final class Incidents {
    /** Maximum length of a stored message or reason, the width of their columns. */
    static final int MAX_TEXT = 4000;

    /**
     * An incident to record.
     *
     * @param source the source's name in the configuration
     * @param detectedAt the reading that fired the detection
     * @param intactAt the newest time at which every damaged table still held its rows
     * @param rule the most severe rule among the tables
     * @param action alert or rollback
     * @param tables the damaged tables; at least one
     * @param message what the guard found, for people to read, or null
     */
    public record NewIncident(String source, Instant detectedAt, Instant intactAt, String rule,
            String action, List<Incident.Table> tables, String message) {
        public NewIncident {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(detectedAt, "detectedAt");
            Objects.requireNonNull(intactAt, "intactAt");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(action, "action");
            tables = List.copyOf(tables);
            if (tables.isEmpty()) {
                throw new IllegalArgumentException("an incident in source " + source
                        + " needs at least one table");
            }
        }
    }

    /**
     * A retention freeze: while it is active, retention forgets no snapshot of the source.
     *
     * @param liftedAt when an operator lifted it, or null while it is active
     * @param liftedBy who lifted it, such as alice@host, or null
     * @param liftReason why it was lifted, or null
     */
    public record Freeze(long id, String source, Instant since, long incidentId,
            Instant liftedAt, String liftedBy, String liftReason) {
        public boolean active() {
            return liftedAt == null;
        }
    }

    /**
     * The incidents of one source, for metrics.
     *
     * @param incidents every incident recorded for the source
     * @param unresolved those not closed
     * @param newestUnresolved the detection time of the newest unresolved one, or null
     */
    public record SourceSummary(String source, long incidents, long unresolved,
            Instant newestUnresolved) {
    }

    private static final String COLUMNS = "id, source, detected_at, intact_at, rule, action, "
            + "state, forensic_snapshot_id, restored_snapshot_id, damaged_database, message, "
            + "updated_at";
    private static final String FREEZE_COLUMNS = "id, source, since, incident_id, lifted_at, "
            + "lifted_by, lift_reason";

    private final DataSource dataSource;
    private final String description;

    Incidents(DataSource dataSource, String description) {
        this.dataSource = dataSource;
        this.description = description;
    }

    /**
     * Stores a new incident in state {@value Incident#OPEN} together with a freeze of its
     * source since {@code detectedAt}, in one transaction, and returns the incident's ID.
     * Retention is frozen the moment the incident exists, before anything else is attempted.
     */
    public long record(NewIncident incident) throws CatalogException {
        String sql = "INSERT INTO incidents (source, detected_at, intact_at, rule, action, "
                + "state, message, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                long id;
                try (PreparedStatement insert = connection.prepareStatement(sql,
                        Statement.RETURN_GENERATED_KEYS)) {
                    insert.setString(1, incident.source());
                    insert.setObject(2, JobRuns.time(incident.detectedAt()));
                    insert.setObject(3, JobRuns.time(incident.intactAt()));
                    insert.setString(4, incident.rule());
                    insert.setString(5, incident.action());
                    insert.setString(6, Incident.OPEN);
                    insert.setString(7, truncate(incident.message()));
                    insert.setObject(8, JobRuns.time(incident.detectedAt()));
                    id = insertedId(insert);
                }
                insertTables(connection, id, incident.tables());
                insertFreeze(connection, incident.source(), id, incident.detectedAt());
                connection.commit();
                return id;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Catalog.failure("record an incident of source " + incident.source(),
                    description, e);
        }
    }

    private static long insertedId(PreparedStatement insert) throws SQLException {
        insert.executeUpdate();
        try (ResultSet keys = insert.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    private static void insertTables(Connection connection, long id, List<Incident.Table> tables)
            throws SQLException {
        String sql = "INSERT INTO incident_tables (incident_id, schema_name, table_name, rule, "
                + "rows_before, rows_after, before_at, estimated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (Incident.Table table : tables) {
                insert.setLong(1, id);
                insert.setString(2, table.schema());
                insert.setString(3, table.table());
                insert.setString(4, table.rule());
                insert.setLong(5, table.rowsBefore());
                insert.setLong(6, table.rowsAfter());
                insert.setObject(7, JobRuns.time(table.beforeAt()));
                insert.setBoolean(8, table.estimated());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static long insertFreeze(Connection connection, String source, long incidentId,
            Instant since) throws SQLException {
        String sql = "INSERT INTO retention_freezes (source, since, incident_id) VALUES (?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql,
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, source);
            insert.setObject(2, JobRuns.time(since));
            insert.setLong(3, incidentId);
            return insertedId(insert);
        }
    }

    /** Returns the newest {@code limit} incidents, newest first; of one source unless null. */
    public List<Incident> list(String source, int limit) throws CatalogException {
        String sql = "SELECT " + COLUMNS + " FROM incidents"
                + (source == null ? "" : " WHERE source = ?")
                + " ORDER BY detected_at DESC, id DESC FETCH FIRST ? ROWS ONLY";
        return source == null ? query(sql, limit) : query(sql, source, limit);
    }

    /** Returns incident {@code id}, or empty when the catalog has none with that ID. */
    public Optional<Incident> find(long id) throws CatalogException {
        return query("SELECT " + COLUMNS + " FROM incidents WHERE id = ?", id).stream()
                .findFirst();
    }

    private List<Incident> query(String sql, Object... parameters) throws CatalogException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            List<Incident> incidents = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long id = rows.getLong("id");
                    incidents.add(IncidentRows.incident(rows, tables(connection, id)));
                }
            }
            return incidents;
        } catch (SQLException e) {
            throw Catalog.failure("read the incidents", description, e);
        }
    }

    private static List<Incident.Table> tables(Connection connection, long id)
            throws SQLException {
        String sql = "SELECT schema_name, table_name, rule, rows_before, rows_after, before_at, "
                + "estimated FROM incident_tables WHERE incident_id = ? "
                + "ORDER BY schema_name, table_name";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, id);
            List<Incident.Table> tables = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tables.add(IncidentRows.table(rows));
                }
            }
            return tables;
        }
    }

    /**
     * Sets the state of incident {@code id} and the message that explains it.
     *
     * @param state {@value Incident#OPEN}, {@value Incident#ROLLED_BACK},
     *     {@value Incident#ROLLBACK_FAILED} or {@value Incident#CLOSED}
     */
    public void updateState(long id, String state, String message, Instant at)
            throws CatalogException {
        if (!Incident.STATES.contains(state)) {
            throw new IllegalArgumentException("unknown incident state \"" + state
                    + "\": expected one of " + Incident.STATES);
        }
        update(id, "state = ?, message = ?", at, state, truncate(message));
    }

    /** Stores the ID of the forensic snapshot taken of incident {@code id}'s damaged state. */
    public void setForensicSnapshot(long id, String snapshotId, Instant at)
            throws CatalogException {
        update(id, "forensic_snapshot_id = ?", at, snapshotId);
    }

    /**
     * Stores what a rollback of incident {@code id} did: the snapshot it restored and the name
     * under which it kept the damaged database (null when it kept none).
     */
    public void setRestored(long id, String restoredSnapshotId, String damagedDatabase,
            Instant at) throws CatalogException {
        update(id, "restored_snapshot_id = ?, damaged_database = ?", at, restoredSnapshotId,
                damagedDatabase);
    }

    private void update(long id, String assignments, Instant at, Object... values)
            throws CatalogException {
        String sql = "UPDATE incidents SET " + assignments + ", updated_at = ? WHERE id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                update.setObject(i + 1, values[i]);
            }
            update.setObject(values.length + 1, JobRuns.time(at));
            update.setLong(values.length + 2, id);
            if (update.executeUpdate() == 0) {
                throw new CatalogException("incident " + id + " not found in the "
                        + description + ": list the incidents with holdfast incidents");
            }
        } catch (SQLException e) {
            throw Catalog.failure("update incident " + id, description, e);
        }
    }

    /** Freezes the retention of {@code source} for incident {@code incidentId}. */
    public long freeze(String source, long incidentId, Instant since) throws CatalogException {
        try (Connection connection = dataSource.getConnection()) {
            return insertFreeze(connection, source, incidentId, since);
        } catch (SQLException e) {
            throw Catalog.failure("freeze the retention of source " + source, description, e);
        }
    }

    /**
     * Lifts the active freezes of incident {@code incidentId} and closes it, in one
     * transaction.
     *
     * @param liftedBy who lifts them, such as alice@host
     * @param reason why; required, because it is the record of the decision
     * @return how many freezes were lifted; 0 when none was active
     */
    public int lift(long incidentId, Instant at, String liftedBy, String reason)
            throws CatalogException {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("lifting the freeze of incident " + incidentId
                    + " needs a reason");
        }
        String lift = "UPDATE retention_freezes SET lifted_at = ?, lifted_by = ?, "
                + "lift_reason = ? WHERE incident_id = ? AND lifted_at IS NULL";
        String close = "UPDATE incidents SET state = ?, message = ?, updated_at = ? WHERE id = ?";
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement liftFreezes = connection.prepareStatement(lift);
                    PreparedStatement closeIncident = connection.prepareStatement(close)) {
                liftFreezes.setObject(1, JobRuns.time(at));
                liftFreezes.setString(2, liftedBy);
                liftFreezes.setString(3, truncate(reason));
                liftFreezes.setLong(4, incidentId);
                int lifted = liftFreezes.executeUpdate();
                closeIncident.setString(1, Incident.CLOSED);
                closeIncident.setString(2, truncate("freeze lifted by " + liftedBy + ": "
                        + reason));
                closeIncident.setObject(3, JobRuns.time(at));
                closeIncident.setLong(4, incidentId);
                if (closeIncident.executeUpdate() == 0) {
                    connection.rollback();
                    throw new CatalogException("incident " + incidentId + " not found in the "
                            + description + ": list the incidents with holdfast incidents");
                }
                connection.commit();
                return lifted;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Catalog.failure("lift the freeze of incident " + incidentId, description, e);
        }
    }

    /** Returns the active freezes by source name, each source's oldest first. */
    public Map<String, List<Freeze>> frozenSources() throws CatalogException {
        Map<String, List<Freeze>> bySource = new LinkedHashMap<>();
        for (Freeze freeze : freezes("lifted_at IS NULL ORDER BY source, since, id")) {
            bySource.computeIfAbsent(freeze.source(), s -> new ArrayList<>()).add(freeze);
        }
        return bySource;
    }

    /** Returns every freeze of incident {@code incidentId}, active or lifted, oldest first. */
    public List<Freeze> freezes(long incidentId) throws CatalogException {
        return freezes("incident_id = ? ORDER BY since, id", incidentId);
    }

    private List<Freeze> freezes(String condition, Object... parameters)
            throws CatalogException {
        String sql = "SELECT " + FREEZE_COLUMNS + " FROM retention_freezes WHERE " + condition;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            List<Freeze> freezes = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    freezes.add(IncidentRows.freeze(rows));
                }
            }
            return freezes;
        } catch (SQLException e) {
            throw Catalog.failure("read the retention freezes", description, e);
        }
    }

    /** Returns, for each source with an incident, how many it has; by source name. */
    public List<SourceSummary> summary() throws CatalogException {
        String unresolved = "state <> '" + Incident.CLOSED + "'";
        String sql = "SELECT source, COUNT(*), "
                + "SUM(CASE WHEN " + unresolved + " THEN 1 ELSE 0 END), "
                + "MAX(CASE WHEN " + unresolved + " THEN detected_at END) "
                + "FROM incidents GROUP BY source ORDER BY source";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql);
                ResultSet rows = query.executeQuery()) {
            List<SourceSummary> summaries = new ArrayList<>();
            while (rows.next()) {
                summaries.add(IncidentRows.summary(rows));
            }
            return summaries;
        } catch (SQLException e) {
            throw Catalog.failure("count the incidents", description, e);
        }
    }

    static String truncate(String text) {
        if (text == null || text.length() <= MAX_TEXT) {
            return text;
        }
        return text.substring(0, MAX_TEXT - 1) + "…";
    }
}
