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
    /** Some calls of a command to the provider failed after their retries. */
    public static final String ERRORS = "errors";

    /**
     * One result of checking a provider.
     *
     * @param provider the provider's name in the configuration
     * @param checkedAt when it was checked
     * @param status {@value #OK}, {@value #UNREACHABLE} or {@value #ERRORS}
     * @param detail latency and counts, or the error, for people to read
     * @param errors failed calls that this result counts: those of one command for
     *     {@value #ERRORS}, one for {@value #UNREACHABLE}, none for {@value #OK}
     */
    public record Health(String provider, Instant checkedAt, String status, String detail,
            long errors) {
        /** Creates the result of a check, which counts one error unless it is ok. */
        public Health(String provider, Instant checkedAt, String status, String detail) {
            this(provider, checkedAt, status, detail, OK.equals(status) ? 0 : 1);
        }
    }

    private final DataSource dataSource;
    private final String description;

    ProviderHealthRows(DataSource dataSource, String description) {
        this.dataSource = dataSource;
        this.description = description;
    }

    /** Stores the results of one check of every provider. */
    public void add(List<Health> results) throws CatalogException {
        String sql = "INSERT INTO provider_health (provider, checked_at, status, detail, "
                + "errors) VALUES (?, ?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            for (Health health : results) {
                insert.setString(1, health.provider());
                insert.setObject(2, JobRuns.time(health.checkedAt()));
                insert.setString(3, health.status());
                insert.setString(4, health.detail());
                insert.setLong(5, health.errors());
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
        String sql = "SELECT id, provider, checked_at, status, detail, errors FROM "
                + "provider_health WHERE id > ? ORDER BY id FETCH FIRST ? ROWS ONLY";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, afterId);
            query.setInt(2, limit);
            List<Stored> results = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    results.add(new Stored(rows.getLong(1), health(rows, 2)));
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
        String sql = "SELECT h.provider, h.checked_at, h.status, h.detail, h.errors "
                + "FROM provider_health h "
                + "WHERE h.checked_at = (SELECT MAX(n.checked_at) FROM provider_health n "
                + "WHERE n.provider = h.provider) ORDER BY h.provider";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql);
                ResultSet rows = query.executeQuery()) {
            List<Health> results = new ArrayList<>();
            while (rows.next()) {
                results.add(health(rows, 1));
            }
            return results;
        } catch (SQLException e) {
            throw Catalog.failure("read provider health", description, e);
        }
    }

    /** Reads a result from the five columns that start at {@code first}. */
    private static Health health(ResultSet rows, int first) throws SQLException {
        String status = rows.getString(first + 2);
        long errors = rows.getLong(first + 4);
        if (rows.wasNull()) {
            // Rows written before the errors column existed.
            errors = OK.equals(status) ? 0 : 1;
        }
        return new Health(rows.getString(first),
                rows.getObject(first + 1, OffsetDateTime.class).toInstant(), status,
                rows.getString(first + 3), errors);
    }
}
