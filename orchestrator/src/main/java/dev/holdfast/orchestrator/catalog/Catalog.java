package dev.holdfast.orchestrator.catalog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.orchestrator.config.CatalogConfig;
import dev.holdfast.storage.filesystem.IoFailures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * An open catalog database with its schema migrated to the newest version. The pool behind it
 * is small, because one process writes a handful of rows per job.
 *
 * <p>The password of a PostgreSQL catalog comes from an environment variable or a file and
 * goes only to the driver: messages name the variable or file, never the value.
 */
public final class Catalog implements AutoCloseable {
    /** Flyway's history table; named apart from Quartz's tables in the same database. */
    static final String HISTORY_TABLE = "catalog_schema_history";
    private static final String MIGRATIONS = "classpath:db/catalog";
    /** The version of the newest file in {@link #MIGRATIONS}; raise it with each new file. */
    static final String NEWEST_VERSION = "5";
    private static final String H2_FILE = "catalog";

    private final HikariDataSource dataSource;
    private final String description;

    private Catalog(HikariDataSource dataSource, String description) {
        this.dataSource = dataSource;
        this.description = description;
    }

    /**
     * Opens the catalog that {@code config} names, creating the embedded one's folder when
     * missing, and applies the migrations it lacks.
     *
     * @param environment environment variables, for {@code catalog.password-env}
     */
    public static Catalog open(CatalogConfig config, Map<String, String> environment)
            throws CatalogException {
        return open(config, environment, 4);
    }

    /**
     * Opens the catalog as {@link #open(CatalogConfig, Map)} does, with a pool of up to
     * {@code maximumPoolSize} connections; the job store of a service needs more than a
     * command does.
     */
    public static Catalog open(CatalogConfig config, Map<String, String> environment,
            int maximumPoolSize) throws CatalogException {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("catalog");
        pool.setMaximumPoolSize(maximumPoolSize);
        pool.setMinimumIdle(0);
        // A failed start is reported by open, not retried in the background.
        pool.setInitializationFailTimeout(1);
        String description;
        if (config.server()) {
            description = "catalog database " + config.url().orElseThrow();
            pool.setJdbcUrl(config.url().orElseThrow());
            config.user().ifPresent(pool::setUsername);
            pool.setPassword(Passwords.read(config, environment));
        } else {
            Path folder = config.path();
            description = "catalog \"" + folder + "\"";
            createFolder(folder, description);
            pool.setJdbcUrl("jdbc:h2:file:" + folder.resolve(H2_FILE).toAbsolutePath());
        }
        HikariDataSource dataSource = startPool(pool, description);
        try {
            migrate(dataSource, description);
        } catch (CatalogException | RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Catalog(dataSource, description);
    }

    private static void createFolder(Path folder, String description) throws CatalogException {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new CatalogException("cannot create the folder of the " + description + ": "
                    + IoFailures.reason(e), e);
        }
    }

    private static HikariDataSource startPool(HikariConfig pool, String description)
            throws CatalogException {
        try {
            return new HikariDataSource(pool);
        } catch (RuntimeException e) {
            String message = rootMessage(e);
            // H2 reports an embedded file that another process has open as "The file is
            // locked" (H2 2.5.252).
            String advice = message.contains("file is locked")
                    ? "; another holdfast process, such as serve, has the embedded catalog "
                    + "open: run this command after it stops, or use a PostgreSQL catalog "
                    + "(catalog.url), which several processes share"
                    : "";
            throw new CatalogException("cannot open the " + description + ": " + message
                    + advice, e);
        }
    }

    private static void migrate(DataSource dataSource, String description)
            throws CatalogException {
        if (current(dataSource)) {
            return;
        }
        try {
            Flyway.configure().dataSource(dataSource).locations(MIGRATIONS)
                    .table(HISTORY_TABLE).baselineOnMigrate(false).load().migrate();
        } catch (FlywayException e) {
            throw new CatalogException("cannot migrate the schema of the " + description
                    + ": " + rootMessage(e), e);
        }
    }

    /**
     * Returns whether the newest migration has been applied already. Every CLI command opens
     * the catalog, and starting Flyway made a backup of the sample data take 3.8 s instead of
     * 2.7 s on a 2-core machine, so Flyway runs only when this cannot confirm the version.
     */
    private static boolean current(DataSource dataSource) {
        String query = "SELECT MAX(\"installed_rank\") FROM \"" + HISTORY_TABLE + "\" WHERE "
                + "\"version\" = '" + NEWEST_VERSION + "' AND \"success\"";
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            return result.next() && result.getObject(1) != null;
        } catch (SQLException e) {
            // No history table yet, or another layout: Flyway decides.
            return false;
        }
    }

    /** Returns the innermost message, where drivers put the reason a connection failed. */
    static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message.strip();
    }

    /** Returns the pool, for the scheduler's job store and for the catalog's own tables. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Returns the job runs stored in this catalog. */
    public JobRuns jobRuns() {
        return new JobRuns(dataSource, description);
    }

    /** Returns the leases by which scheduled jobs take turns writing a repository. */
    public RepositoryLeases repositoryLeases() {
        return new RepositoryLeases(dataSource, description);
    }

    /** Returns the snapshot summaries cached in this catalog. */
    public SnapshotRows snapshots() {
        return new SnapshotRows(dataSource, description);
    }

    /** Returns the provider health results stored in this catalog. */
    public ProviderHealthRows providerHealth() {
        return new ProviderHealthRows(dataSource, description);
    }

    /** Returns the guard's incidents and the retention freezes they impose. */
    public Incidents incidents() {
        return new Incidents(dataSource, description);
    }

    /** Returns the restore test reports stored in this catalog. */
    public RestoreTestReports restoreTestReports() {
        return new RestoreTestReports(dataSource, description);
    }

    /** Names the catalog for messages: its folder, or its URL without credentials. */
    public String description() {
        return description;
    }

    static CatalogException failure(String operation, String description, SQLException e) {
        return new CatalogException("cannot " + operation + " in the " + description + ": "
                + rootMessage(e), e);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
