package dev.holdfast.orchestrator.catalog;

import dev.holdfast.orchestrator.config.CatalogConfig;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.io.TempDir;

/** Incidents in the embedded catalog. */
class H2IncidentsTest extends IncidentsContract {
    @TempDir
    Path folder;

    private int catalogs;

    @Override
    CatalogConfig freshCatalog() {
        return CatalogConfig.embedded(folder.resolve("catalog-" + catalogs++));
    }

    @Override
    Map<String, String> environment() {
        return Map.of();
    }

    @Override
    DataSource rawDataSource(CatalogConfig config) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + config.path().resolve("catalog").toAbsolutePath());
        return dataSource;
    }
}
