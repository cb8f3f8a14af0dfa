package dev.holdfast.orchestrator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.orchestrator.catalog.RepositoryLeases.Lease;
import dev.holdfast.orchestrator.config.CatalogConfig;
import dev.holdfast.repository.SnapshotInfo;
import dev.holdfast.repository.retention.DeletedSnapshot;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every catalog engine must do: apply the migrations to an empty database and to one
 * that has them, store and return job runs and snapshot summaries unchanged, and give a
 * repository's lease to one run at a time.
 */
abstract class CatalogContract {
    static final Instant T0 = Instant.parse("2026-03-01T02:00:00.123456789Z");

    /** Returns the settings of a fresh, empty catalog. */
    abstract CatalogConfig freshCatalog() throws Exception;

    abstract Map<String, String> environment();

    Catalog open(CatalogConfig config) throws CatalogException {
        return Catalog.open(config, environment());
    }

    @Test
    void open_emptyDatabase_appliesEveryMigration() throws Exception {
        try (Catalog catalog = open(freshCatalog())) {
            assertThat(tables(catalog)).contains("job_runs", "snapshots", "provider_health",
                    "restore_test_reports", "restore_test_sources", "incidents",
                    "repository_leases", "incident_tables", "retention_freezes",
                    Catalog.HISTORY_TABLE);
            assertThat(appliedVersions(catalog)).containsExactly("1", "2", "3", "4", "5");
        }
    }

    @Test
    void open_migratedDatabase_keepsRowsAndAppliesNothingAgain() throws Exception {
        CatalogConfig config = freshCatalog();
        long id;
        try (Catalog catalog = open(config)) {
            id = catalog.jobRuns().start("backup/docs", "backup", "docs", "node-a", T0);
        }
        try (Catalog catalog = open(config)) {
            assertThat(appliedVersions(catalog)).containsExactly("1", "2", "3", "4", "5");
            assertThat(catalog.jobRuns().recent(10)).extracting(JobRun::id).containsExactly(id);
        }
    }

    @Test
    void jobRuns_finishedRun_returnsOutcomeFiguresAndError() throws Exception {
        try (Catalog catalog = open(freshCatalog())) {
            JobRuns runs = catalog.jobRuns();
            long first = runs.start("check", "check", null, "node-a", T0);
            long second = runs.start("backup/docs", "backup", "docs", "node-b",
                    T0.plusSeconds(60));
            runs.finish(first, "repo-1", T0.plusSeconds(5), JobRun.FAILED, Map.of(),
                    "provider \"s3\" is unreachable");
            runs.finish(second, "repo-1", T0.plusSeconds(90), JobRun.SUCCESS,
                    Map.of("bytes_added", 1234), null);

            List<JobRun> recent = runs.recent(10);

            assertThat(recent).extracting(JobRun::id).containsExactly(second, first);
            JobRun backup = recent.getFirst();
            assertThat(backup.job()).isEqualTo("backup/docs");
            assertThat(backup.source()).isEqualTo("docs");
            assertThat(backup.node()).isEqualTo("node-b");
            assertThat(backup.repositoryId()).isEqualTo("repo-1");
            assertThat(backup.started()).isEqualTo(T0.plusSeconds(60).truncatedTo(
                    java.time.temporal.ChronoUnit.MICROS));
            assertThat(backup.outcome()).isEqualTo(JobRun.SUCCESS);
            assertThat(backup.figures()).containsEntry("bytes_added", 1234);
            assertThat(backup.error()).isNull();
            assertThat(recent.get(1).error()).isEqualTo("provider \"s3\" is unreachable");
            assertThat(runs.recent(1)).hasSize(1);
        }
    }

    @Test
    void snapshots_replace_returnsTheListWithExactTimes() throws Exception {
        SnapshotInfo first = new SnapshotInfo("a".repeat(64), T0, "host-1",
                List.of("/srv/data"), List.of("daily", "x"), null, 12, 3456, false, false);
        SnapshotInfo second = new SnapshotInfo("b".repeat(64), T0.plusSeconds(3600), "host-1",
                List.of("/srv/data"), List.of(), first.id(), 13, 4567, true, true);
        SnapshotInfo older = new SnapshotInfo("c".repeat(64), T0.minusSeconds(3600), "host-2",
                List.of("/etc"), List.of(), null, 1, 2, false, false);
        DeletedSnapshot forgotten = new DeletedSnapshot(older, T0.plusSeconds(10),
                T0.plusSeconds(10 + 86_400), "alice", "host-2", "too old");
        try (Catalog catalog = open(freshCatalog())) {
            catalog.snapshots().replace("repo-1", List.of(second), List.of());
            catalog.snapshots().replace("repo-1", List.of(first, second), List.of(forgotten));

            List<CachedSnapshot> cached = catalog.snapshots().list();

            assertThat(cached).extracting(CachedSnapshot::snapshot)
                    .containsExactly(older, first, second);
            assertThat(cached.getFirst().forgottenAt()).isEqualTo(T0.plusSeconds(10)
                    .truncatedTo(java.time.temporal.ChronoUnit.MICROS));
            assertThat(cached.get(1).forgotten()).isFalse();
        }
    }

    @Test
    void recorder_backupRun_isStoredWithItsSnapshot() throws Exception {
        CatalogConfig config = freshCatalog();
        List<String> warnings = new ArrayList<>();
        SnapshotInfo snapshot = new SnapshotInfo("d".repeat(64), T0, "host-1",
                List.of("/srv"), List.of(), null, 1, 10, false, false);
        try (JobRecorder recorder = JobRecorder.open(config, environment(), warnings::add,
                "node-a", Clock.fixed(T0, ZoneOffset.UTC))) {
            JobRecorder.Run run = recorder.start("backup", "docs").repository("repo-1");
            run.figure("bytes_added", 10L);
            recorder.snapshotAdded("repo-1", snapshot);
            run.succeeded();
            recorder.start("prune", null).failed(new IllegalStateException("lock is held"));
        }
        assertThat(warnings).isEmpty();
        try (Catalog catalog = open(config)) {
            List<JobRun> runs = catalog.jobRuns().recent(10);
            assertThat(runs).extracting(JobRun::job).containsExactlyInAnyOrder("backup/docs",
                    "prune");
            assertThat(runs).extracting(JobRun::outcome).containsExactlyInAnyOrder(
                    JobRun.SUCCESS, JobRun.FAILED);
            assertThat(runs).extracting(JobRun::error).contains("lock is held");
            assertThat(catalog.snapshots().list()).extracting(CachedSnapshot::snapshot)
                    .containsExactly(snapshot);
        }
    }

    @Test
    void jobRuns_scheduledRun_keepsFireTime() throws Exception {
        try (Catalog catalog = open(freshCatalog())) {
            JobRuns runs = catalog.jobRuns();
            long id = runs.start("check", "check", null, "node-a", T0.plusSeconds(2), "run-1",
                    T0);

            JobRun run = runs.recent(1).getFirst();

            assertThat(run.id()).isEqualTo(id);
            assertThat(run.runId()).isEqualTo("run-1");
            assertThat(run.scheduledAt()).isEqualTo(T0.truncatedTo(
                    java.time.temporal.ChronoUnit.MICROS));
        }
    }

    @Test
    void jobRuns_abandon_endsRunsOfThatFire() throws Exception {
        try (Catalog catalog = open(freshCatalog())) {
            JobRuns runs = catalog.jobRuns();
            long dead = runs.start("backup/docs", "backup", "docs", "node-a", T0, "run-1", T0);
            long other = runs.start("backup/docs", "backup", "docs", "node-a",
                    T0.plusSeconds(60), "run-2", T0.plusSeconds(60));
            long done = runs.start("check", "check", null, "node-a", T0, "run-3", T0);
            runs.finish(done, "repo-1", T0.plusSeconds(5), JobRun.SUCCESS, Map.of(), null);

            int ended = runs.abandon("backup/docs", T0, T0.plusSeconds(90), "node-b");

            assertThat(ended).isEqualTo(1);
            Map<Long, JobRun> byId = new HashMap<>();
            runs.recent(10).forEach(run -> byId.put(run.id(), run));
            assertThat(byId.get(dead).outcome()).isEqualTo(JobRun.INTERRUPTED);
            assertThat(byId.get(dead).error()).contains("node node-b ran the job again");
            assertThat(byId.get(dead).ended()).isEqualTo(T0.plusSeconds(90).truncatedTo(
                    java.time.temporal.ChronoUnit.MICROS));
            assertThat(byId.get(other).outcome()).isEqualTo(JobRun.RUNNING);
            assertThat(byId.get(done).outcome()).isEqualTo(JobRun.SUCCESS);
        }
    }

    @Test
    void jobRuns_abandonAll_endsEveryRunningRun() throws Exception {
        try (Catalog catalog = open(freshCatalog())) {
            JobRuns runs = catalog.jobRuns();
            runs.start("backup/docs", "backup", "docs", "node-a", T0);
            long done = runs.start("check", "check", null, "node-a", T0);
            runs.finish(done, "repo-1", T0.plusSeconds(5), JobRun.SUCCESS, Map.of(), null);

            int ended = runs.abandonAll(T0.plusSeconds(60), "its process stopped");

            assertThat(ended).isEqualTo(1);
            assertThat(runs.recent(10)).extracting(JobRun::outcome)
                    .containsExactlyInAnyOrder(JobRun.INTERRUPTED, JobRun.SUCCESS);
            assertThat(runs.abandonAll(T0.plusSeconds(61), "again")).isZero();
        }
    }

    @Test
    void leases_heldLease_blocksOthers() throws Exception {
        try (Catalog catalog = open(freshCatalog())) {
            RepositoryLeases leases = catalog.repositoryLeases();
            Lease first = lease("run-1", "node-a", T0, T0.plusSeconds(60));
            Lease second = lease("run-2", "node-b", T0.plusSeconds(1), T0.plusSeconds(61));

            assertThat(leases.tryAcquire(first, T0)).isEmpty();
            Optional<Lease> blocking = leases.tryAcquire(second, T0.plusSeconds(1));
            assertThat(blocking).map(Lease::runId).contains("run-1");
            assertThat(blocking).map(Lease::node).contains("node-a");

            leases.release("repo-1", "run-1");
            assertThat(leases.tryAcquire(second, T0.plusSeconds(2))).isEmpty();
            assertThat(leases.holder("repo-1")).map(Lease::runId).contains("run-2");
        }
    }

    @Test
    void leases_expiredLease_isTakenOver() throws Exception {
        try (Catalog catalog = open(freshCatalog())) {
            RepositoryLeases leases = catalog.repositoryLeases();
            assertThat(leases.tryAcquire(lease("run-1", "node-a", T0, T0.plusSeconds(60)), T0))
                    .isEmpty();
            assertThat(leases.extend("repo-1", "run-1", T0.plusSeconds(90))).isTrue();

            Lease late = lease("run-2", "node-b", T0.plusSeconds(91), T0.plusSeconds(151));
            assertThat(leases.tryAcquire(late, T0.plusSeconds(89))).isPresent();
            assertThat(leases.tryAcquire(late, T0.plusSeconds(91))).isEmpty();

            assertThat(leases.extend("repo-1", "run-1", T0.plusSeconds(200))).isFalse();
            leases.release("repo-1", "run-1");
            assertThat(leases.holder("repo-1")).map(Lease::runId).contains("run-2");
        }
    }

    private static Lease lease(String runId, String node, Instant acquired, Instant expires) {
        return new Lease("repo-1", "backup:docs", runId, node, acquired, expires);
    }

    private static List<String> tables(Catalog catalog) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = catalog.dataSource().getConnection();
                ResultSet rows = connection.getMetaData().getTables(null, null, "%",
                        new String[] {"TABLE"})) {
            while (rows.next()) {
                names.add(rows.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }

    private static List<String> appliedVersions(Catalog catalog) throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Connection connection = catalog.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT \"version\" FROM \""
                        + Catalog.HISTORY_TABLE + "\" WHERE \"success\" "
                        + "AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
        }
        return versions;
    }
}
