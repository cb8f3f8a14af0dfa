package dev.holdfast.orchestrator.catalog;

import dev.holdfast.orchestrator.config.CatalogConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** Restore test reports in the embedded catalog. */
class H2RestoreTestReportsTest extends RestoreTestReportsContract {
    @TempDir
    Path folder;

    @Override
    CatalogConfig freshCatalog() {
        return CatalogConfig.embedded(folder.resolve("catalog"));
    }

    @Override
    Map<String, String> environment() {
        return Map.of();
    }
}
