package dev.holdfast.orchestrator.service;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * The database of the scheduler's job store: an embedded H2 file, {@code jobs.mv.db} in the
 * service's state folder, behind a HikariCP pool. Closing it closes the pool.
 */
// TODO: the catalog database replaces this file once it exists, so that the job store shares
// its H2 file or PostgreSQL database; clustered() becomes true on PostgreSQL.
public final class JobStoreDatabase implements AutoCloseable {
    private static final String FILE_NAME = "jobs";
    private final HikariDataSource dataSource;

    private JobStoreDatabase(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Opens (and creates when missing) the job store database under {@code stateDir}. */
    public static JobStoreDatabase open(Path stateDir) throws IOException {
        Files.createDirectories(stateDir);
        HikariConfig config = new HikariConfig();
        config.setPoolName("holdfast-jobs");
        config.setJdbcUrl("jdbc:h2:file:" + stateDir.resolve(FILE_NAME).toAbsolutePath());
        config.setMaximumPoolSize(4);
        return new JobStoreDatabase(new HikariDataSource(config));
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Returns whether several nodes share the database; never for an embedded H2 file. */
    public boolean clustered() {
        return false;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
