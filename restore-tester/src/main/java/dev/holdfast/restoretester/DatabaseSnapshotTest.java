package dev.holdfast.restoretester;

import dev.holdfast.restoretester.SnapshotChoice.Picked;
import dev.holdfast.restoretester.environment.EphemeralMariaDb;
import dev.holdfast.restoretester.environment.EphemeralPostgres;
import dev.holdfast.restoretester.report.Check;
import dev.holdfast.restoretester.report.SnapshotTest;
import dev.holdfast.restoretester.verify.Advice;
import dev.holdfast.restoretester.verify.DatabaseVerifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The test of one database snapshot: start a fresh server of the source's engine, restore
 * every database into it, compare row counts, run the probes, and remove the server.
 */
final class DatabaseSnapshotTest {
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
        try {
            DatabaseTarget target = kind == SourceKind.POSTGRESQL
                    ? new DatabaseTarget.Postgres(EphemeralPostgres.start(options.postgres()
                            .withStateFolder(options.stateFolder())))
                    : new DatabaseTarget.MariaDb(EphemeralMariaDb.start(options.mariadb()
                            .withStateFolder(options.stateFolder())));
            environment = target.environment().describe();
            checks.add(Check.passed(FileSnapshotTest.ENVIRONMENT, 1));
            return target;
        } catch (IOException | RuntimeException e) {
            checks.add(Check.failed(FileSnapshotTest.ENVIRONMENT, String.valueOf(
                    e.getMessage()), Advice.environmentFailed()));
            return null;
        }
    }

    private static Path folder(DatabaseTarget target) {
        return switch (target) {
            case DatabaseTarget.Postgres postgres -> postgres.server().folder();
            case DatabaseTarget.MariaDb mariadb -> mariadb.server().folder();
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
