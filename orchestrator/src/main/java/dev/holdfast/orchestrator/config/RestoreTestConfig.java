package dev.holdfast.orchestrator.config;

import dev.holdfast.restoretester.DatabaseEnvironment;
import dev.holdfast.restoretester.DatabaseImages;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code restore-test} section: where restore tests restore to, how many snapshots they
 * test, whom they tell about a failure, and the SQL probes of database sources. Its schedule
 * is among {@link HoldfastConfig#schedules()}.
 *
 * @param volume the folder under which file snapshots are restored; its file system needs
 *     room for the largest snapshot
 * @param stateFolder where throwaway environments record themselves, so that a run that died
 *     is cleaned up by the next one
 * @param olderSnapshots how many snapshots besides the newest to test per source
 * @param webhook URL that receives a JSON POST when a restore test fails
 * @param webhookEnv environment variable that contains that URL, when it carries a token
 * @param probes the probes of each database source, by source name
 * @param databaseEnvironment where the throwaway servers of database snapshots run
 * @param images the images of those servers when they run in containers
 */
public record RestoreTestConfig(Path volume, Path stateFolder, int olderSnapshots,
        Optional<String> webhook, Optional<String> webhookEnv,
        Map<String, List<ProbeConfig>> probes, DatabaseEnvironment databaseEnvironment,
        DatabaseImages images) {
    /** Daily at 04:30, after the nightly backups, in Quartz's cron form. */
    public static final String DEFAULT_SCHEDULE = "0 30 4 * * ?";
    public static final int DEFAULT_OLDER_SNAPSHOTS = 1;

    public RestoreTestConfig {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(stateFolder, "stateFolder");
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(webhookEnv, "webhookEnv");
        probes = Map.copyOf(probes);
        Objects.requireNonNull(databaseEnvironment, "databaseEnvironment");
        Objects.requireNonNull(images, "images");
    }

    /** Returns the settings of a configuration without the section, under {@code stateDir}. */
    public static RestoreTestConfig defaults(Path stateDir) {
        return new RestoreTestConfig(stateDir.resolve("restore-tests"),
                stateDir.resolve("environments"), DEFAULT_OLDER_SNAPSHOTS, Optional.empty(),
                Optional.empty(), Map.of(), DatabaseEnvironment.LOCAL,
                DatabaseImages.defaults());
    }

    /** Returns the probes of {@code source}, empty when it has none. */
    public List<ProbeConfig> probes(String source) {
        return probes.getOrDefault(source, List.of());
    }

    /**
     * An SQL query whose rows a restored database must return.
     *
     * @param database the database to run it in
     * @param sql the query
     * @param expect the rows it must print, one line per row, columns separated by {@code |}
     */
    public record ProbeConfig(String database, String sql, String expect) {
        public ProbeConfig {
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(sql, "sql");
            Objects.requireNonNull(expect, "expect");
        }
    }
}
