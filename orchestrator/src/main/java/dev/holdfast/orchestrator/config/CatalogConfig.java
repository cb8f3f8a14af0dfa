package dev.holdfast.orchestrator.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code catalog} section: where the catalog database lives.
 *
 * @param enabled false when {@code catalog.enabled} is false: commands record nothing
 * @param path folder of the embedded H2 catalog, used when {@code url} is empty
 * @param url JDBC URL of a PostgreSQL catalog, such as jdbc:postgresql://db:5432/holdfast
 * @param user database user of a PostgreSQL catalog
 * @param passwordEnv environment variable that holds the database password
 * @param passwordFile file that holds the database password
 */
public record CatalogConfig(boolean enabled, Path path, Optional<String> url,
        Optional<String> user, Optional<String> passwordEnv, Optional<Path> passwordFile) {
    /** Folder of the embedded catalog beside the configuration file when none is named. */
    public static final String DEFAULT_FOLDER = "holdfast-catalog";

    public CatalogConfig {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(passwordEnv, "passwordEnv");
        Objects.requireNonNull(passwordFile, "passwordFile");
    }

    /** Returns the embedded catalog in {@value #DEFAULT_FOLDER} beside {@code configFile}. */
    public static CatalogConfig defaults(Path configFile) {
        return embedded(configFile.toAbsolutePath().getParent().resolve(DEFAULT_FOLDER));
    }

    /** Returns an embedded catalog in {@code folder}. */
    public static CatalogConfig embedded(Path folder) {
        return new CatalogConfig(true, folder, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** Returns whether the catalog is a PostgreSQL server rather than an embedded file. */
    public boolean server() {
        return url.isPresent();
    }
}
