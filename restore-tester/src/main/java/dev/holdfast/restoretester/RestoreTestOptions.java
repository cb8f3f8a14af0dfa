package dev.holdfast.restoretester;

import dev.holdfast.restoretester.environment.Leftovers;
import dev.holdfast.restoretester.environment.MariaDbOptions;
import dev.holdfast.restoretester.environment.PostgresOptions;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Settings of a {@link RestoreTest} run. Start from {@link #defaults()} and change what
 * matters with the {@code with} methods.
 *
 * @param volume the folder under which file snapshots are restored, each into a temporary
 *     directory. Its file system needs room for the largest snapshot tested.
 * @param stateFolder where environments record themselves while they exist, so that the next
 *     run removes those of a run that died
 * @param olderSnapshots how many snapshots besides the newest to test per source, picked at
 *     random among the older ones
 * @param seed the seed of that random choice, or empty for a new one per run
 * @param postgres settings of the PostgreSQL clusters; the state folder is replaced by
 *     {@code stateFolder}
 * @param mariadb settings of the MariaDB servers; the state folder is replaced likewise
 * @param host the name of this machine, for the report
 * @param databaseEnvironment where the servers of database snapshots run
 * @param images the images of those servers when they run in containers
 */
public record RestoreTestOptions(Path volume, Path stateFolder, int olderSnapshots,
        OptionalLong seed, PostgresOptions postgres, MariaDbOptions mariadb, String host,
        DatabaseEnvironment databaseEnvironment, DatabaseImages images) {
    public RestoreTestOptions {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(stateFolder, "stateFolder");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(postgres, "postgres");
        Objects.requireNonNull(mariadb, "mariadb");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(databaseEnvironment, "databaseEnvironment");
        Objects.requireNonNull(images, "images");
        if (olderSnapshots < 0) {
            throw new IllegalArgumentException("olderSnapshots must be 0 or more, not "
                    + olderSnapshots);
        }
    }

    /**
     * Returns the defaults: the JVM's temporary folder as volume, the default state folder,
     * one older snapshot, a new seed per run, default server settings, host "localhost",
     * database servers made with the installed binaries, default images.
     */
    public static RestoreTestOptions defaults() {
        return new RestoreTestOptions(Path.of(System.getProperty("java.io.tmpdir")),
                Leftovers.defaultStateFolder(), 1, OptionalLong.empty(),
                PostgresOptions.defaults(), MariaDbOptions.defaults(), "localhost",
                DatabaseEnvironment.LOCAL, DatabaseImages.defaults());
    }

    public RestoreTestOptions withVolume(Path value) {
        return new RestoreTestOptions(value, stateFolder, olderSnapshots, seed, postgres, mariadb,
                host, databaseEnvironment, images);
    }

    public RestoreTestOptions withStateFolder(Path value) {
        return new RestoreTestOptions(volume, value, olderSnapshots, seed, postgres, mariadb, host,
                databaseEnvironment, images);
    }

    public RestoreTestOptions withOlderSnapshots(int value) {
        return new RestoreTestOptions(volume, stateFolder, value, seed, postgres, mariadb, host,
                databaseEnvironment, images);
    }

    public RestoreTestOptions withSeed(long value) {
        return new RestoreTestOptions(volume, stateFolder, olderSnapshots, OptionalLong.of(value),
                postgres, mariadb, host, databaseEnvironment, images);
    }

    public RestoreTestOptions withPostgres(PostgresOptions value) {
        return new RestoreTestOptions(volume, stateFolder, olderSnapshots, seed, value, mariadb,
                host, databaseEnvironment, images);
    }

    public RestoreTestOptions withMariaDb(MariaDbOptions value) {
        return new RestoreTestOptions(volume, stateFolder, olderSnapshots, seed, postgres, value,
                host, databaseEnvironment, images);
    }

    public RestoreTestOptions withHost(String value) {
        return new RestoreTestOptions(volume, stateFolder, olderSnapshots, seed, postgres, mariadb,
                value, databaseEnvironment, images);
    }

    public RestoreTestOptions withDatabaseEnvironment(DatabaseEnvironment value) {
        return new RestoreTestOptions(volume, stateFolder, olderSnapshots, seed, postgres, mariadb,
                host, value, images);
    }

    public RestoreTestOptions withImages(DatabaseImages value) {
        return new RestoreTestOptions(volume, stateFolder, olderSnapshots, seed, postgres, mariadb,
                host, databaseEnvironment, value);
    }
}
