package dev.holdfast.restoretester;

import dev.holdfast.restoretester.SnapshotChoice.Picked;
import dev.holdfast.restoretester.environment.ContainerDatabase;
import dev.holdfast.restoretester.environment.ContainerEnvironment;
import dev.holdfast.restoretester.environment.ContainerEnvironment.DockerStatus;
import dev.holdfast.restoretester.environment.EphemeralMariaDb;
import dev.holdfast.restoretester.environment.EphemeralPostgres;
import dev.holdfast.restoretester.report.Check;
import dev.holdfast.restoretester.report.SnapshotTest;
import dev.holdfast.restoretester.verify.Advice;
import dev.holdfast.restoretester.verify.DatabaseVerifier;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The test of one database snapshot: start a fresh server of the source's engine, restore
 * every database into it, compare row counts, run the probes, and remove the server. The
 * server is made with the installed binaries, or runs in a container when the options choose
 * {@link DatabaseEnvironment#CONTAINER}.
 */
final class DatabaseSnapshotTest {
    /** Long enough for a local engine to reply, short enough not to stall a run without one. */
    private static final Duration DOCKER_PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CONTAINER_START_TIMEOUT = Duration.ofSeconds(180);

    private final SnapshotRestorer restorer;
    private final RestoreTestOptions options;
    private final List<Check> checks = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private String environment = "";
    private long restoreMillis;
    private long verifyMillis;

    DatabaseSnapshotTest(SnapshotRestorer restorer, RestoreTestOptions options) {
        this.restorer = restorer;
        this.options = options;
    }

    SnapshotTest run(TestSource source, Picked picked) {
        SnapshotSummary snapshot = picked.snapshot();
        DatabaseTarget target = start(source.kind());
        if (target != null) {
            try {
                restoreAndVerify(source, snapshot.id(), target);
            } finally {
                checks.add(Environments.remove(target.environment(), folder(target)));
            }
        }
        long rate = restoreMillis > 0 ? snapshot.bytes() * 1000 / restoreMillis : 0;
        return new SnapshotTest(snapshot.id(), snapshot.time(), picked.role(), environment,
                snapshot.files(), snapshot.bytes(), restoreMillis, verifyMillis, rate, checks,
                warnings);
    }

    private DatabaseTarget start(SourceKind kind) {
        boolean container = options.databaseEnvironment() == DatabaseEnvironment.CONTAINER;
        if (container) {
            DockerStatus docker = ContainerEnvironment.probeDocker(DOCKER_PROBE_TIMEOUT);
            if (!docker.reachable()) {
                checks.add(Check.failed(FileSnapshotTest.ENVIRONMENT, noEngine(docker),
                        Advice.noDockerEngine()));
                return null;
            }
        }
        try {
            DatabaseTarget target = container ? startContainer(kind) : startLocal(kind);
            environment = target.environment().describe();
            checks.add(Check.passed(FileSnapshotTest.ENVIRONMENT, 1));
            return target;
        } catch (IOException | RuntimeException e) {
            checks.add(Check.failed(FileSnapshotTest.ENVIRONMENT, String.valueOf(
                    e.getMessage()), Advice.environmentFailed()));
            return null;
        }
    }

    static String noEngine(DockerStatus docker) {
        return "no Docker engine reachable at " + docker.location() + ": " + docker.detail()
                + "; set restore-test.database-environment: local to use the installed server"
                + " binaries";
    }

    private DatabaseTarget startLocal(SourceKind kind) throws IOException {
        return kind == SourceKind.POSTGRESQL
                ? new DatabaseTarget.Postgres(EphemeralPostgres.start(options.postgres()
                        .withStateFolder(options.stateFolder())))
                : new DatabaseTarget.MariaDb(EphemeralMariaDb.start(options.mariadb()
                        .withStateFolder(options.stateFolder())));
    }

    private DatabaseTarget startContainer(SourceKind kind) throws IOException {
        boolean postgres = kind == SourceKind.POSTGRESQL;
        return new DatabaseTarget.Container(ContainerDatabase.start(postgres
                        ? ContainerDatabase.Engine.POSTGRESQL : ContainerDatabase.Engine.MARIADB,
                postgres ? options.images().postgresql() : options.images().mariadb(),
                options.stateFolder(), options.volume(), CONTAINER_START_TIMEOUT));
    }

    private static Path folder(DatabaseTarget target) {
        return switch (target) {
            case DatabaseTarget.Postgres postgres -> postgres.server().folder();
            case DatabaseTarget.MariaDb mariadb -> mariadb.server().folder();
            case DatabaseTarget.Container container -> container.server().folder();
        };
    }

    private void restoreAndVerify(TestSource source, String snapshotId, DatabaseTarget target) {
        long start = System.nanoTime();
        DatabaseRestore restore;
        try {
            restore = restorer.restoreDatabase(snapshotId, target);
        } catch (RestoreException | RuntimeException e) {
            checks.add(Environments.restoreFailed(e));
            return;
        } finally {
            restoreMillis = (System.nanoTime() - start) / 1_000_000;
        }
        checks.add(Check.passed(Environments.RESTORE, restore.databases().size()));
        warnings.addAll(restore.warnings());
        long verifyStart = System.nanoTime();
        try {
            List<TableRows> expected = restorer.expectedRowCounts(snapshotId);
            checks.addAll(DatabaseVerifier.verify(target, expected, source.probes()));
        } catch (RestoreException | RuntimeException e) {
            checks.add(Check.failed("recorded row counts read", String.valueOf(e.getMessage()),
                    Advice.restoreFailed(e instanceof RestoreException r ? r.damagedObject()
                            : null)));
        } finally {
            verifyMillis = (System.nanoTime() - verifyStart) / 1_000_000;
        }
    }
}
