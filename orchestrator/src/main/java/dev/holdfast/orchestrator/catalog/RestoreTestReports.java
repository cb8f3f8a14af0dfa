package dev.holdfast.orchestrator.catalog;

import dev.holdfast.restoretester.report.CheckStatus;
import dev.holdfast.restoretester.report.ReportJson;
import dev.holdfast.restoretester.report.RestoreTestReport;
import dev.holdfast.restoretester.report.SourceReport;
import dev.holdfast.restoretester.report.TrendPoint;
import dev.holdfast.restoretester.report.Verdict;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The {@code restore_test_reports} table, one row per restore test run with the report as
 * JSON, and {@code restore_test_sources}, one row per source of each run.
 */
public final class RestoreTestReports {
    private static final String COLUMNS = "id, started, finished, verdict, host, "
            + "restore_millis, checks_failed, snapshot_id";

    /**
     * A stored run, without its report.
     *
     * @param snapshotId the repository snapshot that stores the report, or null when it was
     *     not stored there
     * @param sources the sources tested, in the run's order
     */
    public record Row(long id, Instant started, Instant finished, Verdict verdict, String host,
            long restoreMillis, int checksFailed, String snapshotId, List<String> sources) {
    }

    /** A stored run with its report. */
    public record Stored(long id, String snapshotId, RestoreTestReport report) {
    }

    private final DataSource dataSource;
    private final String description;

    RestoreTestReports(DataSource dataSource, String description) {
        this.dataSource = dataSource;
        this.description = description;
    }

    /** Stores a report and its sources in one transaction and returns the run's ID. */
    public long add(RestoreTestReport report, String repositoryId) throws CatalogException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                long id = insertReport(connection, report, repositoryId);
                insertSources(connection, id, report);
                connection.commit();
                return id;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Catalog.failure("store the restore test report of " + report.started(),
                    description, e);
        }
    }

    private static long insertReport(Connection connection, RestoreTestReport report,
            String repositoryId) throws SQLException {
        String sql = "INSERT INTO restore_test_reports (started, finished, verdict, host, "
                + "restore_millis, checks_failed, repository_id, report) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        long failed = report.allChecks().stream()
                .filter(check -> check.status() == CheckStatus.FAILED).count();
        try (PreparedStatement insert = connection.prepareStatement(sql,
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setObject(1, JobRuns.time(report.started()));
            insert.setObject(2, JobRuns.time(report.finished()));
            insert.setString(3, report.verdict().label());
            insert.setString(4, report.host());
            insert.setLong(5, report.restoreMillis());
            insert.setInt(6, (int) Math.min(Integer.MAX_VALUE, failed));
            insert.setString(7, repositoryId);
            insert.setString(8, ReportJson.write(report));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static void insertSources(Connection connection, long id, RestoreTestReport report)
            throws SQLException {
        String sql = "INSERT INTO restore_test_sources (report_id, source, verdict, finished, "
                + "data_age_seconds, restore_millis) VALUES (?, ?, ?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (SourceReport source : report.sources()) {
                insert.setLong(1, id);
                insert.setString(2, source.name());
                insert.setString(3, source.verdict().label());
                insert.setObject(4, JobRuns.time(report.finished()));
                insert.setObject(5, source.dataAgeSeconds() < 0 ? null
                        : source.dataAgeSeconds());
                insert.setLong(6, source.restoreMillis());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Records the repository snapshot that stores report {@code id}. */
    public void snapshotStored(long id, String snapshotId) throws CatalogException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE restore_test_reports SET snapshot_id = ? WHERE id = ?")) {
            update.setString(1, snapshotId);
            update.setLong(2, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw Catalog.failure("record the snapshot of restore test report " + id,
                    description, e);
        }
    }

    /** Returns the IDs of the repository snapshots that store reports of this catalog. */
    public Set<String> storedSnapshots() throws CatalogException {
        String sql = "SELECT snapshot_id FROM restore_test_reports WHERE snapshot_id IS NOT NULL";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql);
                ResultSet rows = query.executeQuery()) {
            Set<String> ids = new HashSet<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        } catch (SQLException e) {
            throw Catalog.failure("read the snapshots of restore test reports", description, e);
        }
    }

    /** Returns report {@code id}, or empty when there is none. */
    public Optional<Stored> find(long id) throws CatalogException {
        String sql = "SELECT snapshot_id, report FROM restore_test_reports WHERE id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, id);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Stored(id, rows.getString("snapshot_id"),
                        ReportJson.read(rows.getString("report"))));
            }
        } catch (SQLException e) {
            throw Catalog.failure("read restore test report " + id, description, e);
        } catch (IOException e) {
            throw new CatalogException("restore test report " + id + " in the " + description
                    + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Returns the newest {@code limit} runs, newest first. */
    public List<Row> recent(int limit) throws CatalogException {
        String sql = "SELECT " + COLUMNS + " FROM restore_test_reports "
                + "ORDER BY started DESC, id DESC FETCH FIRST ? ROWS ONLY";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setInt(1, limit);
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(row(result, List.of()));
                }
            }
            return withSources(connection, rows);
        } catch (SQLException e) {
            throw Catalog.failure("read the restore test reports", description, e);
        }
    }

    private static Row row(ResultSet result, List<String> sources) throws SQLException {
        return new Row(result.getLong("id"),
                result.getObject("started", OffsetDateTime.class).toInstant(),
                result.getObject("finished", OffsetDateTime.class).toInstant(),
                Verdict.fromLabel(result.getString("verdict")), result.getString("host"),
                result.getLong("restore_millis"), result.getInt("checks_failed"),
                result.getString("snapshot_id"), sources);
    }

    /** Adds the names of their sources to {@code rows}, in one query over their ID range. */
    private static List<Row> withSources(Connection connection, List<Row> rows)
            throws SQLException {
        if (rows.isEmpty()) {
            return rows;
        }
        long low = rows.stream().mapToLong(Row::id).min().orElseThrow();
        long high = rows.stream().mapToLong(Row::id).max().orElseThrow();
        Map<Long, List<String>> sources = new LinkedHashMap<>();
        String sql = "SELECT report_id, source FROM restore_test_sources "
                + "WHERE report_id BETWEEN ? AND ? ORDER BY report_id, source";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, low);
            query.setLong(2, high);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    sources.computeIfAbsent(result.getLong(1), id -> new ArrayList<>())
                            .add(result.getString(2));
                }
            }
        }
        return rows.stream().map(row -> new Row(row.id(), row.started(), row.finished(),
                row.verdict(), row.host(), row.restoreMillis(), row.checksFailed(),
                row.snapshotId(), sources.getOrDefault(row.id(), List.of()))).toList();
    }

    /** Returns the runs that started at or after {@code since}, oldest first. */
    public List<TrendPoint> trend(Instant since) throws CatalogException {
        String sql = "SELECT started, verdict, restore_millis FROM restore_test_reports "
                + "WHERE started >= ? ORDER BY started, id";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, JobRuns.time(since));
            List<TrendPoint> points = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    points.add(new TrendPoint(result.getObject(1, OffsetDateTime.class)
                            .toInstant(), Verdict.fromLabel(result.getString(2)),
                            result.getLong(3)));
                }
            }
            return points;
        } catch (SQLException e) {
            throw Catalog.failure("read the restore test trend", description, e);
        }
    }

    /** Returns, per source, when its newest passed restore test finished. */
    public Map<String, Instant> lastPassedBySource() throws CatalogException {
        String sql = "SELECT source, MAX(finished) FROM restore_test_sources WHERE verdict = ? "
                + "GROUP BY source ORDER BY source";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, Verdict.PASSED.label());
            Map<String, Instant> passed = new LinkedHashMap<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    passed.put(result.getString(1), result.getObject(2, OffsetDateTime.class)
                            .toInstant());
                }
            }
            return passed;
        } catch (SQLException e) {
            throw Catalog.failure("read the newest passed restore tests", description, e);
        }
    }
}
