package dev.holdfast.orchestrator.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The {@code job_runs} table: one row per run, written at its start and updated at its end. */
public final class JobRuns {
    /** Longest error message stored, the width of the error column. */
    static final int MAX_ERROR = 4000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "id, job, kind, source, repository_id, node, "
            + "started, ended, outcome, figures, error, run_id, scheduled_at";

    private final DataSource dataSource;
    private final String description;

    JobRuns(DataSource dataSource, String description) {
        this.dataSource = dataSource;
        this.description = description;
    }

    /** Stores a run of a command run by hand that has just started and returns its ID. */
    public long start(String job, String kind, String source, String node, Instant started)
            throws CatalogException {
        return start(job, kind, source, node, started, null, null);
    }

    /**
     * Stores a run that has just started and returns its ID.
     *
     * @param runId the scheduler's id of the run, or null for a command run by hand
     * @param scheduledAt the fire time the run was due at, or null for a command run by hand
     */
    public long start(String job, String kind, String source, String node, Instant started,
            String runId, Instant scheduledAt) throws CatalogException {
        String sql = "INSERT INTO job_runs (job, kind, source, node, started, outcome, run_id, "
                + "scheduled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql,
                        Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, job);
            insert.setString(2, kind);
            insert.setString(3, source);
            insert.setString(4, node);
            insert.setObject(5, time(started));
            insert.setString(6, JobRun.RUNNING);
            insert.setString(7, runId);
            insert.setObject(8, time(scheduledAt));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw Catalog.failure("record the start of job " + job, description, e);
        }
    }

    /**
     * Ends, as interrupted, the runs of {@code job} due at {@code scheduledAt} that are still
     * marked running: their node stopped during them, and another node now runs the job again.
     * Without this their rows would stay running forever.
     *
     * @return how many runs were ended
     */
    public int abandon(String job, Instant scheduledAt, Instant now, String recoveringNode)
            throws CatalogException {
        String sql = "UPDATE job_runs SET ended = ?, outcome = ?, error = ? WHERE job = ? "
                + "AND scheduled_at = ? AND outcome = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setObject(1, time(now));
            update.setString(2, JobRun.INTERRUPTED);
            update.setString(3, truncate("its node stopped before the run finished; node "
                    + recoveringNode + " ran the job again"));
            update.setString(4, job);
            update.setObject(5, time(scheduledAt));
            update.setString(6, JobRun.RUNNING);
            return update.executeUpdate();
        } catch (SQLException e) {
            throw Catalog.failure("end the abandoned runs of job " + job, description, e);
        }
    }

    /**
     * Ends, as interrupted, every run still marked running. Only for a catalog that one
     * process at a time can open, the embedded one: once a process has it open, no run of
     * another process can still be going on.
     *
     * @return how many runs were ended
     */
    public int abandonAll(Instant now, String reason) throws CatalogException {
        String sql = "UPDATE job_runs SET ended = ?, outcome = ?, error = ? WHERE outcome = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setObject(1, time(now));
            update.setString(2, JobRun.INTERRUPTED);
            update.setString(3, truncate(reason));
            update.setString(4, JobRun.RUNNING);
            return update.executeUpdate();
        } catch (SQLException e) {
            throw Catalog.failure("end the runs of stopped processes", description, e);
        }
    }

    /** Stores the end of run {@code id}: outcome, figures and error message. */
    public void finish(long id, String repositoryId, Instant ended, String outcome,
            Map<String, Object> figures, String error) throws CatalogException {
        String sql = "UPDATE job_runs SET repository_id = ?, ended = ?, outcome = ?, "
                + "figures = ?, error = ? WHERE id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, repositoryId);
            update.setObject(2, time(ended));
            update.setString(3, outcome);
            update.setString(4, figures.isEmpty() ? null : JSON.writeValueAsString(figures));
            update.setString(5, truncate(error));
            update.setLong(6, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw Catalog.failure("record the end of job run " + id, description, e);
        } catch (JsonProcessingException e) {
            throw new CatalogException("cannot encode the figures of job run " + id, e);
        }
    }

    /** Returns the newest {@code limit} runs, newest first. */
    public List<JobRun> recent(int limit) throws CatalogException {
        String sql = "SELECT " + COLUMNS + " FROM job_runs ORDER BY started DESC, id DESC "
                + "FETCH FIRST ? ROWS ONLY";
        return query(sql, limit);
    }

    /**
     * Returns up to {@code limit} runs whose ID is above {@code afterId}, in ID order, so that
     * a reader can page through every run once.
     */
    public List<JobRun> after(long afterId, int limit) throws CatalogException {
        String sql = "SELECT " + COLUMNS + " FROM job_runs WHERE id > ? ORDER BY id "
                + "FETCH FIRST ? ROWS ONLY";
        return query(sql, afterId, limit);
    }

    private List<JobRun> query(String sql, Object... parameters) throws CatalogException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            List<JobRun> runs = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    runs.add(run(rows));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw Catalog.failure("read the job runs", description, e);
        }
    }

    private static JobRun run(ResultSet rows) throws SQLException, CatalogException {
        OffsetDateTime ended = rows.getObject("ended", OffsetDateTime.class);
        OffsetDateTime scheduledAt = rows.getObject("scheduled_at", OffsetDateTime.class);
        return new JobRun(rows.getLong("id"), rows.getString("job"), rows.getString("kind"),
                rows.getString("source"), rows.getString("repository_id"),
                rows.getString("node"),
                rows.getObject("started", OffsetDateTime.class).toInstant(),
                ended == null ? null : ended.toInstant(), rows.getString("outcome"),
                figures(rows.getLong("id"), rows.getString("figures")), rows.getString("error"),
                rows.getString("run_id"), scheduledAt == null ? null : scheduledAt.toInstant());
    }

    private static Map<String, Object> figures(long id, String json) throws CatalogException {
        if (json == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new CatalogException("job run " + id + " has figures that are not a JSON "
                    + "object: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Returns {@code instant} as the catalog stores it. Truncating to microseconds here, rather
     * than letting the database round, keeps the second of a snapshot time unchanged, which
     * {@link SnapshotRows} relies on to restore the nanoseconds.
     */
    static OffsetDateTime time(Instant instant) {
        return instant == null ? null
                : instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String error) {
        if (error == null || error.length() <= MAX_ERROR) {
            return error;
        }
        return error.substring(0, MAX_ERROR - 1) + "…";
    }
}
