package dev.holdfast.scheduler;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.SchedulerException;

/**
 * A row lock in Quartz's {@code QRTZ_LOCKS} table, held while a node compares the configured
 * schedules with the stored triggers and replaces those that changed. Without it, two nodes
 * that start at once could both find a trigger missing and both create it, and the second
 * would move a next fire time back that the first had already fired. Quartz takes its own
 * locks in the same table by other names, one call at a time, so this lock spans the calls.
 */
final class RegistrationLock {
    static final String LOCK_NAME = "HOLDFAST_REGISTRATION";

    /** Work done while the lock is held. */
    @FunctionalInterface
    interface Registration {
        void run() throws SchedulerException;
    }

    private RegistrationLock() {
    }

    /** Runs {@code registration} under the lock, or directly for a store in memory. */
    static void run(JobStore store, String schedulerName, Registration registration)
            throws SchedulerException {
        if (store.dataSource().isEmpty()) {
            registration.run();
            return;
        }
        DataSource dataSource = store.dataSource().get();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                lock(connection, schedulerName);
                registration.run();
                connection.commit();
            } catch (SQLException | SchedulerException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new SchedulerException("cannot take the lock " + LOCK_NAME + " in the job "
                    + "store to register the schedules: " + e.getMessage(), e);
        }
    }

    /**
     * Locks the row, inserting it first when missing. When another node inserts it at the same
     * time, one insert fails on the primary key. That node rolls back and locks the row that
     * the other one committed.
     */
    private static void lock(Connection connection, String schedulerName) throws SQLException {
        String select = "SELECT LOCK_NAME FROM QRTZ_LOCKS WHERE SCHED_NAME = ? "
                + "AND LOCK_NAME = ? FOR UPDATE";
        String insert = "INSERT INTO QRTZ_LOCKS (SCHED_NAME, LOCK_NAME) VALUES (?, ?)";
        for (int attempt = 1; ; attempt++) {
            try (PreparedStatement query = connection.prepareStatement(select)) {
                query.setString(1, schedulerName);
                query.setString(2, LOCK_NAME);
                try (ResultSet row = query.executeQuery()) {
                    if (row.next()) {
                        return;
                    }
                }
            }
            try (PreparedStatement add = connection.prepareStatement(insert)) {
                add.setString(1, schedulerName);
                add.setString(2, LOCK_NAME);
                add.executeUpdate();
                return;
            } catch (SQLException e) {
                if (attempt >= 2) {
                    throw e;
                }
                connection.rollback();
            }
        }
    }
}
