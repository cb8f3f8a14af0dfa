package dev.holdfast.orchestrator.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.orchestrator.config.CatalogConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded catalog: an H2 file in a folder that it creates. */
class H2CatalogTest extends CatalogContract {
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

    @Test
    void open_missingFolder_createsItWithTheDatabaseFile() throws Exception {
        Path catalogFolder = folder.resolve("a/b/catalog");
        try (Catalog catalog = open(CatalogConfig.embedded(catalogFolder))) {
            assertThat(catalog.description()).contains(catalogFolder.toString());
        }
        assertThat(catalogFolder.resolve("catalog.mv.db")).isRegularFile();
    }

    @Test
    void open_folderBelowAFile_namesTheFolder() throws Exception {
        Files.writeString(folder.resolve("blocker"), "not a folder");
        Path catalogFolder = folder.resolve("blocker/catalog");

        assertThatThrownBy(() -> open(CatalogConfig.embedded(catalogFolder)))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("cannot create the folder of the catalog \""
                        + catalogFolder + "\"");
    }
}
