package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.cli.Holdfast.OpenRepository;
import dev.holdfast.orchestrator.config.DatabaseSourceConfig;
import dev.holdfast.orchestrator.config.SourceConfig;
import dev.holdfast.orchestrator.database.ConnectionSettings;
import dev.holdfast.orchestrator.database.RestoreOptions;
import dev.holdfast.orchestrator.database.RestoreResult;
import dev.holdfast.orchestrator.dbsource.Connections;
import dev.holdfast.orchestrator.dbsource.DatabaseRestore;
import dev.holdfast.orchestrator.dbsource.DatabaseSnapshot;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.SnapshotInfo;
import java.util.Map;
import java.util.Optional;

/** {@code holdfast restore SNAPSHOT --into-database NAME|URL}: a dump into a new database. */
final class DatabaseTargetRestore {
    private final Holdfast app;

    DatabaseTargetRestore(Holdfast app) {
        this.app = app;
    }

    int restore(String snapshotId, String into, String requested, boolean replace,
            Integer jobs, boolean globals) throws Exception {
        try (OpenRepository open = app.openRepository()) {
            Repository repository = open.repository();
            SnapshotInfo info = repository.snapshot(snapshotId);
            DatabaseSnapshot snapshot = DatabaseSnapshot.of(repository, info).orElseThrow(
                    () -> new CliException(ExitCodes.USAGE, "snapshot " + info.shortId()
                            + " contains files, not a database dump: restore it with --target"));
            String database = DatabaseRestore.pick(snapshot, requested);
            Target target = target(snapshot, into);
            int restoreJobs = jobs != null ? jobs
                    : target.source().map(DatabaseSourceConfig::restoreJobs).orElse(1);
            if (restoreJobs < 1) {
                throw new CliException(ExitCodes.USAGE, "invalid --jobs " + restoreJobs
                        + ": expected 1 or more");
            }
            app.printer().detail("restoring database \"" + database + "\" of snapshot "
                    + info.shortId() + " into \"" + target.database() + "\" on "
                    + target.server());
            RestoreResult result = DatabaseRestore.run(snapshot, database, target.server(),
                    new RestoreOptions(target.database(), replace, restoreJobs), globals);
            report(result, snapshot, database, target);
            return ExitCodes.SUCCESS;
        }
    }

    /** The target of a restore: a server with its maintenance database, and the new database. */
    private record Target(ConnectionSettings server, String database,
            Optional<DatabaseSourceConfig> source) {
    }

    private Target target(DatabaseSnapshot snapshot, String into) throws Exception {
        Map<String, String> environment = app.context().environment();
        String maintenance = DatabaseRestore.maintenanceDatabase(snapshot.kind());
        if (into.contains("://")) {
            ConnectionSettings named;
            try {
                named = Connections.parse(into, Optional.empty(), environment);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, e.getMessage());
            }
            return new Target(named.withDatabase(maintenance), named.database(),
                    Optional.empty());
        }
        Optional<SourceConfig> configured = app.config().source(snapshot.source())
                .filter(s -> s.database().isPresent());
        if (configured.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, "the snapshot's source \""
                    + snapshot.source() + "\" is not a database source of \""
                    + app.config().file() + "\": give --into-database a URL such as "
                    + snapshot.kind().id() + "://USER@HOST/" + into);
        }
        SourceConfig source = configured.get();
        DatabaseSourceConfig database = source.database().orElseThrow();
        return new Target(Connections.of(source.name(), database, maintenance, environment),
                into, Optional.of(database));
    }

    private void report(RestoreResult result, DatabaseSnapshot snapshot, String database,
            Target target) {
        Printer printer = app.printer();
        for (String error : result.ignoredErrors()) {
            printer.warning("ignored as harmless: " + error);
        }
        if (!result.ownersKept()) {
            printer.warning("roles " + result.missingRoles() + " do not exist on "
                    + target.server() + ", so every object now belongs to "
                    + target.server().user() + "; restore with --globals to keep owners");
        }
        printer.info("restored database \"" + database + "\" of snapshot "
                + snapshot.info().shortId() + " into \"" + result.database() + "\" on "
                + target.server().withDatabase(result.database()));
    }
}
