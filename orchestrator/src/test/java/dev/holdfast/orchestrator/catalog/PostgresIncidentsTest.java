package dev.holdfast.orchestrator.catalog;

import dev.holdfast.orchestrator.config.CatalogConfig;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

/** Incidents in a catalog on a throwaway PostgreSQL server. */
@ExtendWith(PostgresExtension.class)
class PostgresIncidentsTest extends IncidentsContract {
    /** Numbers databases across test instances, which JUnit creates one per test. */
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final PostgresServer server;

    PostgresIncidentsTest(PostgresServer server) {
        this.server = server;
    }

    @Override
    CatalogConfig freshCatalog() throws Exception {
        String name = "incidents_" + DATABASES.getAndIncrement();
        return CatalogTestConfigs.postgres(server.createDatabase(name));
    }

    @Override
    Map<String, String> environment() {
        return Map.of(CatalogTestConfigs.PASSWORD_VARIABLE, server.password());
    }

    @Override
    DataSource rawDataSource(CatalogConfig config) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(config.url().orElseThrow());
        dataSource.setUser(PostgresServer.USER);
        dataSource.setPassword(server.password());
        return dataSource;
    }
}
