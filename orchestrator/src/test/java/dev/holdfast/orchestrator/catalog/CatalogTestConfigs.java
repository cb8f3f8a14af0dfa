package dev.holdfast.orchestrator.catalog;

import dev.holdfast.orchestrator.config.CatalogConfig;
import java.nio.file.Path;
import java.util.Optional;

/** Catalog settings for tests. */
final class CatalogTestConfigs {
    static final String PASSWORD_VARIABLE = "HOLDFAST_CATALOG_PASSWORD";

    private CatalogTestConfigs() {
    }

    /** Returns the settings of a PostgreSQL catalog whose password is in the environment. */
    static CatalogConfig postgres(String url) {
        return new CatalogConfig(true, Path.of("unused"), Optional.of(url),
                Optional.of(PostgresServer.USER), Optional.of(PASSWORD_VARIABLE),
                Optional.empty());
    }
}
