package dev.holdfast.restoretester.environment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an {@link EphemeralMariaDb} server. Start from {@link #defaults()} and change
 * what matters with the {@code with} methods.
 *
 * @param stateFolder where the server's marker is written while it exists
 * @param parentFolder where the server's folder is made; under root the {@code serverAccount}
 *     must be able to search every folder above it
 * @param binaries a folder searched first for {@code mariadbd}, {@code mariadb-install-db} and
 *     {@code mariadb}, or null to search only {@code PATH}, {@code /usr/sbin} and
 *     {@code /usr/bin}
 * @param characterSet the server's default character set, such as {@code utf8mb4}
 * @param collation the server's default collation, which must belong to the character set
 * @param serverAccount the OS account that runs the server when the JVM runs as root
 * @param startTimeout how long the data folder's creation and the server's start may take each
 */
public record MariaDbOptions(Path stateFolder, Path parentFolder, Path binaries,
        String characterSet, String collation, String serverAccount, Duration startTimeout) {
    /** Checks that every setting except {@code binaries} is present. */
    public MariaDbOptions {
        Objects.requireNonNull(stateFolder, "stateFolder");
        Objects.requireNonNull(parentFolder, "parentFolder");
        Objects.requireNonNull(characterSet, "characterSet");
        Objects.requireNonNull(collation, "collation");
        Objects.requireNonNull(serverAccount, "serverAccount");
        Objects.requireNonNull(startTimeout, "startTimeout");
    }

    /**
     * Returns the defaults: the default state folder, the JVM's temporary folder as parent,
     * binaries from the usual places, utf8mb4 with utf8mb4_general_ci, account {@code mysql},
     * 60 s.
     */
    public static MariaDbOptions defaults() {
        return new MariaDbOptions(Leftovers.defaultStateFolder(),
                Path.of(System.getProperty("java.io.tmpdir")), null, "utf8mb4",
                "utf8mb4_general_ci", "mysql", Duration.ofSeconds(60));
    }

    public MariaDbOptions withStateFolder(Path value) {
        return new MariaDbOptions(value, parentFolder, binaries, characterSet, collation,
                serverAccount, startTimeout);
    }

    public MariaDbOptions withParentFolder(Path value) {
        return new MariaDbOptions(stateFolder, value, binaries, characterSet, collation,
                serverAccount, startTimeout);
    }

    public MariaDbOptions withBinaries(Path value) {
        return new MariaDbOptions(stateFolder, parentFolder, value, characterSet, collation,
                serverAccount, startTimeout);
    }

    /** Returns these options with another server character set and collation. */
    public MariaDbOptions withCharacterSet(String value, String collationValue) {
        return new MariaDbOptions(stateFolder, parentFolder, binaries, value, collationValue,
                serverAccount, startTimeout);
    }

    public MariaDbOptions withServerAccount(String value) {
        return new MariaDbOptions(stateFolder, parentFolder, binaries, characterSet, collation,
                value, startTimeout);
    }

    public MariaDbOptions withStartTimeout(Duration value) {
        return new MariaDbOptions(stateFolder, parentFolder, binaries, characterSet, collation,
                serverAccount, value);
    }
}
