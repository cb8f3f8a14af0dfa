package dev.holdfast.orchestrator.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The {@code provider_health} table: one row per provider and check. */
public final class ProviderHealthRows {
    public static final String OK = "ok";
    public static final String UNREACHABLE = "unreachable";

    /**
     * One result of checking a provider.
     *
     * @param provider the provider's name in the configuration
     * @param checkedAt when it was checked
     * @param status {@value #OK} or {@value #UNREACHABLE}
     * @param detail latency and counts, or the error, for people to read
     */
    public record Health(String provider, Instant checkedAt, String status, String detail) {
    }

    private final DataSource dataSource;
    private final String description;

    ProviderHealthRows(DataSource dataSource, String description) {
        this.dataSource = dataSource;
        this.description = description;
    }

    /** Stores the results of one check of every provider. */
    public void add(List<Health> results) throws CatalogException {
        String sql = "INSERT INTO provider_health (provider, checked_at, status, detail) "
                + "VALUES (?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            for (Health health : results) {
                insert.setString(1, health.provider());
                insert.setObject(2, JobRuns.time(health.checkedAt()));
                insert.setString(3, health.status());
                insert.setString(4, health.detail());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw Catalog.failure("store provider health", description, e);
        }
    }

    /**
     * Returns up to {@code limit} results stored after the row {@code afterId}, in the order
     * they were stored, each with its row ID, so that a reader can page through every result
     * once.
     */
    public List<Stored> after(long afterId, int limit) throws CatalogException {
        String sql = "SELECT id, provider, checked_at, status, detail FROM provider_health "
                + "WHERE id > ? ORDER BY id FETCH FIRST ? ROWS ONLY";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, afterId);
            query.setInt(2, limit);
            List<Stored> results = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    results.add(new Stored(rows.getLong(1), new Health(rows.getString(2),
                            rows.getObject(3, OffsetDateTime.class).toInstant(),
                            rows.getString(4), rows.getString(5))));
                }
            }
            return results;
        } catch (SQLException e) {
            throw Catalog.failure("read provider health", description, e);
        }
    }

    /** A stored result with the ID of its row. */
    public record Stored(long id, Health health) {
    }

    /** Returns the newest result of each provider, by provider name. */
    public List<Health> latest() throws CatalogException {
        String sql = "SELECT h.provider, h.checked_at, h.status, h.detail FROM provider_health h "
                + "WHERE h.checked_at = (SELECT MAX(n.checked_at) FROM provider_health n "
                + "WHERE n.provider = h.provider) ORDER BY h.provider";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql);
                ResultSet rows = query.executeQuery()) {
            List<Health> results = new ArrayList<>();
            while (rows.next()) {
                results.add(new Health(rows.getString(1),
                        rows.getObject(2, OffsetDateTime.class).toInstant(), rows.getString(3),
                        rows.getString(4)));
            }
            return results;
        } catch (SQLException e) {
            throw Catalog.failure("read provider health", description, e);
        }
    }
}
