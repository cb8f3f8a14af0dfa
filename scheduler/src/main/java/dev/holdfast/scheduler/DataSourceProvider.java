package dev.holdfast.scheduler;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/**
 * Hands Quartz the connections of the caller's data source. Quartz calls {@link #shutdown} when
 * the scheduler stops; the data source stays open, because its owner closes it.
 */
final class DataSourceProvider implements ConnectionProvider {
    private final DataSource dataSource;

    DataSourceProvider(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void shutdown() {
    }

    @Override
    public void initialize() {
    }
}
