package dev.holdfast.scheduler;

import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Where Quartz keeps jobs and triggers: in memory, lost when the process ends, or in Quartz's
 * tables on a JDBC database, where fire times and misfires survive a restart.
 *
 * @param dataSource the database, or empty for memory
 * @param clustered whether several nodes share the tables, so that each trigger fires on one
 *     node and a dead node's interrupted jobs are recovered by another; only with a database
 *     that every node reaches, such as PostgreSQL
 */
public record JobStore(Optional<DataSource> dataSource, boolean clustered) {

    public JobStore {
        Objects.requireNonNull(dataSource, "dataSource");
        if (clustered && dataSource.isEmpty()) {
            throw new IllegalArgumentException("a clustered job store needs a database");
        }
    }

    /** Returns a store in memory. */
    public static JobStore memory() {
        return new JobStore(Optional.empty(), false);
    }

    /**
     * Returns a store in Quartz's tables on {@code dataSource}, created at start when absent.
     * The caller keeps ownership of the data source and closes it after the scheduler stopped.
     */
    public static JobStore jdbc(DataSource dataSource, boolean clustered) {
        return new JobStore(Optional.of(dataSource), clustered);
    }
}
