package dev.holdfast.restoretester.environment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an {@link EphemeralPostgres} cluster. Start from {@link #defaults()} and change
 * what matters with the {@code with} methods.
 *
 * @param stateFolder where the cluster's marker is written while it exists
 * @param parentFolder where the cluster's folder is made; under root the {@code serverAccount}
 *     must be able to search every folder above it
 * @param binaries the folder with {@code initdb}, {@code pg_ctl}, {@code postgres} and
 *     {@code psql}, or null to take the newest installation found on {@code PATH} and under
 *     {@code /usr/lib/postgresql/<version>/bin}
 * @param encoding the cluster's default encoding, such as {@code UTF8} or {@code LATIN1}
 * @param locale the cluster's default locale, or null for {@code C.UTF-8} when the encoding is
 *     UTF8 and the OS has that locale, and {@code C} otherwise
 * @param serverAccount the OS account that runs the server when the JVM runs as root
 * @param startTimeout how long {@code initdb} and the server's start may take each
 */
public record PostgresOptions(Path stateFolder, Path parentFolder, Path binaries,
        String encoding, String locale, String serverAccount, Duration startTimeout) {
    /** Checks that every setting except {@code binaries} and {@code locale} is present. */
    public PostgresOptions {
        Objects.requireNonNull(stateFolder, "stateFolder");
        Objects.requireNonNull(parentFolder, "parentFolder");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(serverAccount, "serverAccount");
        Objects.requireNonNull(startTimeout, "startTimeout");
    }

    /**
     * Returns the defaults: the default state folder, the JVM's temporary folder as parent,
     * automatic binaries, UTF8 with the automatic locale, account {@code postgres}, 60 s.
     */
    public static PostgresOptions defaults() {
        return new PostgresOptions(Leftovers.defaultStateFolder(),
                Path.of(System.getProperty("java.io.tmpdir")), null, "UTF8", null, "postgres",
                Duration.ofSeconds(60));
    }

    public PostgresOptions withStateFolder(Path value) {
        return new PostgresOptions(value, parentFolder, binaries, encoding, locale,
                serverAccount, startTimeout);
    }

    public PostgresOptions withParentFolder(Path value) {
        return new PostgresOptions(stateFolder, value, binaries, encoding, locale,
                serverAccount, startTimeout);
    }

    public PostgresOptions withBinaries(Path value) {
        return new PostgresOptions(stateFolder, parentFolder, value, encoding, locale,
                serverAccount, startTimeout);
    }

    /** Returns these options with another cluster encoding and locale (null: automatic). */
    public PostgresOptions withEncoding(String value, String localeValue) {
        return new PostgresOptions(stateFolder, parentFolder, binaries, value, localeValue,
                serverAccount, startTimeout);
    }

    public PostgresOptions withServerAccount(String value) {
        return new PostgresOptions(stateFolder, parentFolder, binaries, encoding, locale,
                value, startTimeout);
    }

    public PostgresOptions withStartTimeout(Duration value) {
        return new PostgresOptions(stateFolder, parentFolder, binaries, encoding, locale,
                serverAccount, value);
    }
}
