package dev.holdfast.restoretester;

import java.util.Objects;

/**
 * The container images of the throwaway servers when restore tests run them in containers.
 *
 * @param postgresql an image of the official {@code postgres} kind, which reads
 *     {@code POSTGRES_PASSWORD} and listens on port 5432
 * @param mariadb an image of the official {@code mariadb} kind, which reads
 *     {@code MARIADB_ROOT_PASSWORD} and listens on port 3306
 */
public record DatabaseImages(String postgresql, String mariadb) {
    public static final String DEFAULT_POSTGRESQL = "postgres:16";
    public static final String DEFAULT_MARIADB = "mariadb:10.11";

    public DatabaseImages {
        Objects.requireNonNull(postgresql, "postgresql");
        Objects.requireNonNull(mariadb, "mariadb");
    }

    /** Returns {@code postgres:16} and {@code mariadb:10.11}. */
    public static DatabaseImages defaults() {
        return new DatabaseImages(DEFAULT_POSTGRESQL, DEFAULT_MARIADB);
    }
}
