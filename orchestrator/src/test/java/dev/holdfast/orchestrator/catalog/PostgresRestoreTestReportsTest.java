package dev.holdfast.orchestrator.catalog;

import dev.holdfast.orchestrator.config.CatalogConfig;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtendWith;

/** Restore test reports in a catalog on a throwaway PostgreSQL server. */
@ExtendWith(PostgresExtension.class)
class PostgresRestoreTestReportsTest extends RestoreTestReportsContract {
    /** Numbers databases across test instances, which JUnit creates one per test. */
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final PostgresServer server;

    PostgresRestoreTestReportsTest(PostgresServer server) {
        this.server = server;
    }

    @Override
    CatalogConfig freshCatalog() throws Exception {
        String name = "restore_tests_" + DATABASES.getAndIncrement();
        return CatalogTestConfigs.postgres(server.createDatabase(name));
    }

    @Override
    Map<String, String> environment() {
        return Map.of(CatalogTestConfigs.PASSWORD_VARIABLE, server.password());
    }
}
