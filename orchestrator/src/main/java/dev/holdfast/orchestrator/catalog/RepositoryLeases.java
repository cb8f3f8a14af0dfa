package dev.holdfast.orchestrator.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code repository_leases} table: at most one row per repository, naming the scheduled
 * job that may write it until the row's expiry. A holder extends its lease before it expires.
 * A lease whose holder stopped extending it, because its node died, may be taken over by
 * anyone once it has expired. Expiry times come from the nodes' clocks, which must agree, as
 * Quartz's clustering requires anyway.
 */
public final class RepositoryLeases {
    private final DataSource dataSource;
    private final String description;

    RepositoryLeases(DataSource dataSource, String description) {
        this.dataSource = dataSource;
        this.description = description;
    }

    /**
     * The holder of a lease.
     *
     * @param repositoryId the repository that the lease covers
    x
     * @param node the scheduler node that runs it
     * @param acquiredAt when the run took the lease
     * @param expiresAt when the lease expires unless the holder extends it
     */
    public record Lease(String repositoryId, String job, String runId, String node,
            Instant acquiredAt, Instant expiresAt) {
    }

    /**
     * Takes the lease on {@code wanted.repositoryId()} for {@code wanted}'s run, unless another
     * run holds a lease that expires after {@code now}. Returns empty when it took the lease,
     * and otherwise the lease that blocks it. An expired lease is replaced.
     */
    public Optional<Lease> tryAcquire(Lease wanted, Instant now) throws CatalogException {
        try (Connection connection = dataSource.getConnection()) {
            while (true) {
                if (takeOverExpired(connection, wanted, now) || insert(connection, wanted)) {
                    return Optional.empty();
                }
                Optional<Lease> holder = holder(connection, wanted.repositoryId());
                // An empty result means the holder released it a moment ago: try again.
                if (holder.isPresent()) {
                    return holder;
                }
            }
        } catch (SQLException e) {
            throw Catalog.failure("take the lease on repository " + wanted.repositoryId(),
                    description, e);
        }
    }

    /**
     * Moves the expiry of {@code runId}'s lease to {@code expiresAt}. Returns false when the run
     * no longer holds the lease, because it expired and another run took it over.
     */
    public boolean extend(String repositoryId, String runId, Instant expiresAt)
            throws CatalogException {
        String sql = "UPDATE repository_leases SET expires_at = ? WHERE repository_id = ? "
                + "AND run_id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setObject(1, JobRuns.time(expiresAt));
            update.setString(2, repositoryId);
            update.setString(3, runId);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Catalog.failure("extend the lease on repository " + repositoryId,
                    description, e);
        }
    }

    /** Gives up {@code runId}'s lease; nothing happens when the run no longer holds it. */
    public void release(String repositoryId, String runId) throws CatalogException {
        String sql = "DELETE FROM repository_leases WHERE repository_id = ? AND run_id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setString(1, repositoryId);
            delete.setString(2, runId);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw Catalog.failure("release the lease on repository " + repositoryId,
                    description, e);
        }
    }

    /** Returns the lease on {@code repositoryId}, expired or not, if there is one. */
    public Optional<Lease> holder(String repositoryId) throws CatalogException {
        try (Connection connection = dataSource.getConnection()) {
            return holder(connection, repositoryId);
        } catch (SQLException e) {
            throw Catalog.failure("read the lease on repository " + repositoryId, description,
                    e);
        }
    }

    /**
     * Replaces an expired lease in one statement. When two nodes try at once, the database
     * applies one update and the other then finds an expiry in the future, so only one wins.
     */
    private static boolean takeOverExpired(Connection connection, Lease wanted, Instant now)
            throws SQLException {
        String sql = "UPDATE repository_leases SET job = ?, run_id = ?, node = ?, "
                + "acquired_at = ?, expires_at = ? WHERE repository_id = ? AND expires_at <= ?";
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, wanted.job());
            update.setString(2, wanted.runId());
            update.setString(3, wanted.node());
            update.setObject(4, JobRuns.time(wanted.acquiredAt()));
            update.setObject(5, JobRuns.time(wanted.expiresAt()));
            update.setString(6, wanted.repositoryId());
            update.setObject(7, JobRuns.time(now));
            return update.executeUpdate() == 1;
        }
    }

    /** Inserts the lease; returns false when a row for the repository exists already. */
    private static boolean insert(Connection connection, Lease wanted) throws SQLException {
        if (holder(connection, wanted.repositoryId()).isPresent()) {
            return false;
        }
        String sql = "INSERT INTO repository_leases (repository_id, job, run_id, node, "
                + "acquired_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, wanted.repositoryId());
            insert.setString(2, wanted.job());
            insert.setString(3, wanted.runId());
            insert.setString(4, wanted.node());
            insert.setObject(5, JobRuns.time(wanted.acquiredAt()));
            insert.setObject(6, JobRuns.time(wanted.expiresAt()));
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                // Another node inserted its lease between the check and the insert.
                return false;
            }
            throw e;
        }
    }

    /** SQLSTATE 23505 is the standard's unique violation; H2 and PostgreSQL both use it. */
    private static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    private static Optional<Lease> holder(Connection connection, String repositoryId)
            throws SQLException {
        String sql = "SELECT job, run_id, node, acquired_at, expires_at FROM repository_leases "
                + "WHERE repository_id = ?";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, repositoryId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Lease(repositoryId, row.getString("job"),
                        row.getString("run_id"), row.getString("node"),
                        row.getObject("acquired_at", OffsetDateTime.class).toInstant(),
                        row.getObject("expires_at", OffsetDateTime.class).toInstant()));
            }
        }
    }
}
