package dev.holdfast.orchestrator.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.holdfast.repository.SnapshotInfo;
import dev.holdfast.repository.retention.DeletedSnapshot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The {@code snapshots} table, a cache of the repository's snapshot list. Each refresh
 * replaces a repository's rows in one transaction, so readers never see half a list.
 */
public final class SnapshotRows {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final String COLUMNS = "repository_id, snapshot_id, snapshot_time, "
            + "snapshot_nanos, host, paths, tags, parent, files, bytes, partial, "
            + "under_replicated, forgotten_at, removable_at";

    private final DataSource dataSource;
    private final String description;

    SnapshotRows(DataSource dataSource, String description) {
        this.dataSource = dataSource;
        this.description = description;
    }

    /**
     * Replaces the cached snapshots of {@code repositoryId} with {@code live} and
     * {@code forgotten}.
     */
    public void replace(String repositoryId, List<SnapshotInfo> live,
            List<DeletedSnapshot> forgotten) throws CatalogException {
        List<CachedSnapshot> rows = new ArrayList<>();
        live.forEach(s -> rows.add(new CachedSnapshot(repositoryId, s, null, null)));
        forgotten.forEach(d -> rows.add(new CachedSnapshot(repositoryId, d.snapshot(),
                d.forgottenAt(), d.removableAt())));
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM snapshots WHERE repository_id = ?")) {
                    delete.setString(1, repositoryId);
                    delete.executeUpdate();
                }
                insert(connection, rows);
                connection.commit();
            } catch (SQLException | CatalogException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Catalog.failure("store the snapshot list", description, e);
        }
    }

    /** Adds one new snapshot, such as the one a backup has just written. */
    public void add(String repositoryId, SnapshotInfo snapshot) throws CatalogException {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM snapshots WHERE repository_id = ? AND snapshot_id = ?")) {
                delete.setString(1, repositoryId);
                delete.setString(2, snapshot.id());
                delete.executeUpdate();
            }
            insert(connection, List.of(new CachedSnapshot(repositoryId, snapshot, null, null)));
        } catch (SQLException e) {
            throw Catalog.failure("store snapshot " + snapshot.shortId(), description, e);
        }
    }

    private static void insert(Connection connection, List<CachedSnapshot> rows)
            throws SQLException, CatalogException {
        String sql = "INSERT INTO snapshots (" + COLUMNS + ") "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (CachedSnapshot row : rows) {
                SnapshotInfo snapshot = row.snapshot();
                insert.setString(1, row.repositoryId());
                insert.setString(2, snapshot.id());
                insert.setObject(3, JobRuns.time(snapshot.time()));
                insert.setInt(4, snapshot.time().getNano());
                insert.setString(5, snapshot.host());
                insert.setString(6, json(snapshot.paths()));
                insert.setString(7, json(snapshot.tags()));
                insert.setString(8, snapshot.parent());
                insert.setLong(9, snapshot.files());
                insert.setLong(10, snapshot.bytes());
                insert.setBoolean(11, snapshot.partial());
                insert.setBoolean(12, snapshot.underReplicated());
                insert.setObject(13, JobRuns.time(row.forgottenAt()));
                insert.setObject(14, JobRuns.time(row.removableAt()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Returns every cached snapshot, live and forgotten, oldest first. */
    public List<CachedSnapshot> list() throws CatalogException {
        String sql = "SELECT " + COLUMNS + " FROM snapshots "
                + "ORDER BY snapshot_time, snapshot_nanos, snapshot_id";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql);
                ResultSet rows = query.executeQuery()) {
            List<CachedSnapshot> snapshots = new ArrayList<>();
            while (rows.next()) {
                snapshots.add(row(rows));
            }
            return snapshots;
        } catch (SQLException e) {
            throw Catalog.failure("read the snapshot list", description, e);
        }
    }

    private static CachedSnapshot row(ResultSet rows) throws SQLException, CatalogException {
        Instant stored = rows.getObject("snapshot_time", OffsetDateTime.class).toInstant();
        Instant time = Instant.ofEpochSecond(stored.getEpochSecond(),
                rows.getInt("snapshot_nanos"));
        SnapshotInfo snapshot = new SnapshotInfo(rows.getString("snapshot_id"), time,
                rows.getString("host"), strings(rows.getString("paths")),
                strings(rows.getString("tags")), rows.getString("parent"),
                rows.getLong("files"), rows.getLong("bytes"), rows.getBoolean("partial"),
                rows.getBoolean("under_replicated"));
        return new CachedSnapshot(rows.getString("repository_id"), snapshot,
                instant(rows.getObject("forgotten_at", OffsetDateTime.class)),
                instant(rows.getObject("removable_at", OffsetDateTime.class)));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static String json(List<String> values) throws CatalogException {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new CatalogException("cannot encode a list of snapshot paths or tags", e);
        }
    }

    private static List<String> strings(String json) throws CatalogException {
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new CatalogException("a cached snapshot has paths or tags that are not a "
                    + "JSON list: " + e.getOriginalMessage(), e);
        }
    }
}
