package dev.holdfast.orchestrator.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The configuration file as written, bound by Jackson before any check. Every component may
 * be null where the key is missing; {@link ConfigValidator} turns this into a
 * {@link HoldfastConfig} or an error with the place of the problem.
 */
record ConfigDocument(RepositorySection repository, List<ProviderSection> providers,
        List<SourceSection> sources, ServiceSection service, CatalogSection catalog,
        @JsonProperty("restore-test") RestoreTestSection restoreTest) {

    /** The {@code restore-test} mapping: the schedule and settings of restore tests. */
    record RestoreTestSection(String schedule, @JsonProperty("time-zone") String timeZone,
            String misfire, String volume, @JsonProperty("older-snapshots") Integer olderSnapshots,
            String webhook, @JsonProperty("webhook-env") String webhookEnv,
            Map<String, List<ProbeSection>> probes,
            @JsonProperty("database-environment") String databaseEnvironment,
            ImagesSection images) {
    }

    /** The {@code restore-test.images} mapping: container images by database engine. */
    record ImagesSection(String postgresql, String mariadb) {
    }

    /** One probe of a database source in {@code restore-test.probes}. */
    record ProbeSection(String database, String sql, String expect) {
    }

    /** The {@code catalog} mapping; the password itself is never a key. */
    record CatalogSection(Boolean enabled, String path, String url, String user,
            @JsonProperty("password-env") String passwordEnv,
            @JsonProperty("password-file") String passwordFile) {
    }

    /** The {@code repository} mapping. */
    record RepositorySection(List<String> providers, ChunkerSection chunker,
            @JsonProperty("pack-size") ByteSize packSize, Integer compression, Integer copies,
            @JsonProperty("differ-by") List<String> differBy,
            @JsonProperty("exclude-jurisdictions") List<String> excludeJurisdictions,
            @JsonProperty("write-quorum") Integer writeQuorum,
            @JsonProperty("read-timeout") Duration readTimeout,
            @JsonProperty("deletion-delay") Duration deletionDelay,
            @JsonProperty("bulk-deletion-share") String bulkDeletionShare,
            @JsonProperty("scrub-share") String scrubShare,
            RepositoryScheduleSection schedule) {
    }

    /** The {@code repository.schedule} mapping: cron expressions of the repository's jobs. */
    record RepositoryScheduleSection(String retention, String check, String scrub,
            String repair, @JsonProperty("time-zone") String timeZone, String misfire) {
    }

    /** The {@code schedule} mapping of a source. */
    record SourceScheduleSection(String backup, @JsonProperty("time-zone") String timeZone,
            String misfire) {
    }

    /** The {@code service} mapping: settings of {@code holdfast serve}. */
    record ServiceSection(@JsonProperty("state-dir") String stateDir,
            @JsonProperty("grace-period") Duration gracePeriod,
            @JsonProperty("misfire-threshold") Duration misfireThreshold,
            @JsonProperty("cluster-checkin-interval") Duration clusterCheckinInterval,
            @JsonProperty("lock-wait") Duration lockWait,
            @JsonProperty("lock-lease") Duration lockLease,
            String listen, @JsonProperty("ca-dir") String caDir,
            @JsonProperty("tls-dir") String tlsDir) {
    }

    /** The {@code repository.chunker} mapping. */
    record ChunkerSection(ByteSize min, ByteSize average, ByteSize max) {
    }

    /**
     * One entry of the {@code providers} list: the facts that placement rules read
     * ({@code operator}, {@code location}, {@code jurisdiction}), {@code path} for the
     * filesystem driver, the other keys for the s3 driver.
     */
    record ProviderSection(String name, String driver, String operator, String location,
            List<String> jurisdiction, String path, String endpoint,
            String region, String bucket, String prefix, String addressing,
            @JsonProperty("ca-file") String caFile,
            @JsonProperty("access-key-env") String accessKeyEnv,
            @JsonProperty("access-key-file") String accessKeyFile,
            @JsonProperty("secret-key-env") String secretKeyEnv,
            @JsonProperty("secret-key-file") String secretKeyFile,
            @JsonProperty("connect-timeout") Duration connectTimeout,
            @JsonProperty("read-timeout") Duration readTimeout,
            @JsonProperty("write-timeout") Duration writeTimeout,
            @JsonProperty("part-size") ByteSize partSize,
            @JsonProperty("conditional-create") String conditionalCreate,
            @JsonProperty("object-lock") ObjectLockSection objectLock,
            @JsonProperty("append-only") Boolean appendOnly) {
    }

    /** The {@code object-lock} mapping of an s3 provider. */
    record ObjectLockSection(String mode, Duration retention) {
    }

    /** One entry of the {@code sources} list. */
    record SourceSection(String name, List<String> paths, List<String> exclude,
            RetentionSection retention, SourceScheduleSection schedule,
            DatabaseSection postgresql, DatabaseSection mariadb, GuardSection guard) {
    }

    /** The {@code postgresql} or {@code mariadb} mapping of a source. */
    record DatabaseSection(String host, Integer port, String user,
            @JsonProperty("password-env") String passwordEnv,
            @JsonProperty("password-file") String passwordFile, List<String> databases,
            String tools, @JsonProperty("exact-count-limit") ByteSize exactCountLimit,
            @JsonProperty("restore-jobs") Integer restoreJobs) {
    }

    /** The {@code guard} mapping of a database source: the bulk-deletion guard's settings. */
    record GuardSection(Duration interval, String action, String share, Long rows,
            Duration window, @JsonProperty("min-rows") Long minRows, Boolean dropped,
            Boolean truncated, Map<String, GuardTableSection> tables, String webhook,
            @JsonProperty("webhook-env") String webhookEnv) {
    }

    /** One entry of {@code guard.tables}: thresholds of the tables that match its pattern. */
    record GuardTableSection(String share, Long rows, @JsonProperty("min-rows") Long minRows,
            Boolean dropped, Boolean truncated, Boolean ignore) {
    }

    /** The {@code retention} mapping of a source. */
    record RetentionSection(@JsonProperty("keep-last") Integer keepLast,
            @JsonProperty("keep-hourly") Integer keepHourly,
            @JsonProperty("keep-daily") Integer keepDaily,
            @JsonProperty("keep-weekly") Integer keepWeekly,
            @JsonProperty("keep-monthly") Integer keepMonthly,
            @JsonProperty("keep-yearly") Integer keepYearly,
            @JsonProperty("keep-within") Duration keepWithin,
            @JsonProperty("pin-tags") List<String> pinTags,
            @JsonProperty("time-zone") String timeZone) {
    }
}
