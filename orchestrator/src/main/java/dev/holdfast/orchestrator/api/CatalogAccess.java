package dev.holdfast.orchestrator.api;

import dev.holdfast.orchestrator.catalog.Catalog;
import dev.holdfast.orchestrator.catalog.CatalogException;
import dev.holdfast.orchestrator.config.CatalogConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog as the API reads it, opened on first use. The service keeps running when the
 * catalog cannot be opened, because jobs do not need it, so a failed open is retried on a later
 * request, at most once per {@link #RETRY_AFTER}.
 */
public final class CatalogAccess implements AutoCloseable {
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);
    /** How long a health request waits for the database to run a validation query. */
    private static final int VALIDATION_SECONDS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(CatalogAccess.class);

    private final CatalogConfig config;
    private final Map<String, String> environment;
    private final Clock clock;
    private Catalog catalog;
    private CatalogException lastFailure;
    private Instant nextAttempt = Instant.MIN;

    /** @param environment environment variables, for {@code catalog.password-env} */
    public CatalogAccess(CatalogConfig config, Map<String, String> environment, Clock clock) {
        this.config = config;
        this.environment = Map.copyOf(environment);
        this.clock = clock;
    }

    /**
     * Returns the open catalog.
     *
     * @throws CatalogException when the catalog is disabled or cannot be opened
     */
    public synchronized Catalog get() throws CatalogException {
        if (catalog != null) {
            return catalog;
        }
        if (!config.enabled()) {
            throw new CatalogException("the catalog is disabled (catalog.enabled: false), so "
                    + "the service has no job runs, snapshots or provider health to show");
        }
        Instant now = clock.instant();
        if (lastFailure != null && now.isBefore(nextAttempt)) {
            throw new CatalogException(lastFailure.getMessage() + "; the service tries again "
                    + "after " + nextAttempt, lastFailure);
        }
        try {
            catalog = Catalog.open(config, environment);
            lastFailure = null;
            return catalog;
        } catch (CatalogException e) {
            lastFailure = e;
            nextAttempt = now.plus(RETRY_AFTER);
            LOG.warn("api: {}; retrying on a request after {} s", e.getMessage(),
                    RETRY_AFTER.toSeconds());
            throw e;
        }
    }

    /** Returns whether the catalog is open and its database runs a validation query. */
    public boolean reachable() {
        try (Connection connection = get().dataSource().getConnection()) {
            return connection.isValid(VALIDATION_SECONDS);
        } catch (CatalogException | SQLException e) {
            LOG.debug("api: the catalog is not reachable: {}", e.getMessage());
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (catalog != null) {
            catalog.close();
            catalog = null;
        }
    }
}
