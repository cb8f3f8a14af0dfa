package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.catalog.CachedSnapshot;
import dev.holdfast.orchestrator.catalog.Catalog;
import dev.holdfast.orchestrator.catalog.CatalogException;
import dev.holdfast.orchestrator.catalog.JobRun;
import dev.holdfast.orchestrator.catalog.ProviderHealthRows.Health;
import dev.holdfast.orchestrator.catalog.ProviderHealthRows;
import dev.holdfast.orchestrator.cli.Holdfast.OpenRepository;
import dev.holdfast.orchestrator.config.CatalogConfig;
import dev.holdfast.orchestrator.restoretest.ReportSnapshots;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.SnapshotInfo;
import dev.holdfast.repository.placement.ProviderStatus;
import dev.holdfast.repository.retention.DeletedSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "catalog", description = {"Reads and rebuilds the catalog database: the "
        + "history of job runs and a cache of the snapshot list and provider health.",
    "The repository is the source of truth; rebuild recreates the cache from the providers."},
        subcommands = {CatalogCommand.Rebuild.class, CatalogCommand.Runs.class,
            CatalogCommand.Snapshots.class})
final class CatalogCommand implements Runnable {
    private final Holdfast app;

    @Spec
    private CommandSpec spec;

    CatalogCommand(Holdfast app) {
        this.app = app;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: expected rebuild, "
                + "runs or snapshots");
    }

    /** Opens the configured catalog; unlike a job's recording, a failure here is an error. */
    Catalog openCatalog() throws Exception {
        CatalogConfig config = app.config().catalog();
        if (!config.enabled()) {
            throw new CliException(ExitCodes.USAGE, "the catalog is disabled in \""
                    + app.config().file() + "\": remove catalog.enabled: false to use it");
        }
        try {
            return Catalog.open(config, app.context().environment());
        } catch (CatalogException e) {
            throw new CliException(ExitCodes.FAILURE, e.getMessage(), e);
        }
    }

    @Command(name = "rebuild", description = "Recreates the catalog's snapshot list and "
            + "provider health, and adds the restore test reports it lacks, from the "
            + "providers alone, such as on a new machine.")
    static final class Rebuild implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        private CatalogCommand parent;

        @Override
        public Integer call() throws Exception {
            Holdfast app = parent.app;
            String repositoryId;
            List<SnapshotInfo> live;
            List<DeletedSnapshot> forgotten;
            List<ProviderStatus> statuses;
            List<ReportSnapshots.Stored> reports;
            Instant checkedAt;
            try (OpenRepository open = app.openRepository()) {
                Repository repository = open.repository();
                repositoryId = repository.id();
                live = repository.snapshots();
                forgotten = repository.deletedSnapshots();
                checkedAt = app.context().clock().instant();
                statuses = repository.providerStatuses(false);
                reports = ReportSnapshots.read(repository, live, app.printer()::warning);
            }
            try (Catalog catalog = parent.openCatalog()) {
                catalog.snapshots().replace(repositoryId, live, forgotten);
                catalog.providerHealth().add(health(statuses, checkedAt));
                int imported = ReportSnapshots.importMissing(catalog.restoreTestReports(),
                        repositoryId, reports);
                app.printer().info("rebuilt the " + catalog.description() + ": "
                        + Units.plural(live.size(), "snapshot") + ", "
                        + Units.plural(forgotten.size(), "forgotten snapshot") + ", "
                        + Units.plural(statuses.size(), "provider") + ", "
                        + Units.plural(imported, "restore test report") + " added");
            } catch (CatalogException e) {
                throw new CliException(ExitCodes.FAILURE, e.getMessage(), e);
            }
            return ExitCodes.SUCCESS;
        }

        private static List<Health> health(List<ProviderStatus> statuses, Instant checkedAt) {
            List<Health> health = new ArrayList<>();
            for (ProviderStatus status : statuses) {
                health.add(status.reachable()
                        ? new Health(status.provider(), checkedAt, ProviderHealthRows.OK,
                                status.latency().toMillis() + " ms, " + status.objects()
                                        + " objects, " + status.missing() + " missing")
                        : new Health(status.provider(), checkedAt,
                                ProviderHealthRows.UNREACHABLE, status.error()));
            }
            return health;
        }
    }

    @Command(name = "runs", description = "Lists the newest job runs, newest first.")
    static final class Runs implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        private CatalogCommand parent;

        @Option(names = "--limit", paramLabel = "N",
                description = "How many runs to list (default: 20).")
        private int limit = 20;

        @Override
        public Integer call() throws Exception {
            if (limit < 1) {
                throw new CliException(ExitCodes.USAGE, "invalid --limit " + limit
                        + ": expected 1 or more");
            }
            List<JobRun> runs;
            try (Catalog catalog = parent.openCatalog()) {
                runs = catalog.jobRuns().recent(limit);
            } catch (CatalogException e) {
                throw new CliException(ExitCodes.FAILURE, e.getMessage(), e);
            }
            Printer printer = parent.app.printer();
            if (printer.json()) {
                printer.json(runs.stream().map(Runs::json).toList());
            } else if (runs.isEmpty()) {
                printer.info("no job runs recorded yet");
            } else {
                table(runs, parent.app).forEach(printer::result);
            }
            return ExitCodes.SUCCESS;
        }

        private static List<String> table(List<JobRun> runs, Holdfast app) {
            Table table = new Table(">ID", "Job", "Started", ">Duration", "Outcome", "Error");
            for (JobRun run : runs) {
                String duration = run.ended() == null ? "-"
                        : Units.duration(Duration.between(run.started(), run.ended()));
                String error = run.error() == null ? "" : run.error().lines().findFirst()
                        .orElse("");
                table.row(Long.toString(run.id()), run.job(), EntryFormat.TIME.format(
                        run.started().atZone(app.context().zone())), duration, run.outcome(),
                        error);
            }
            return table.lines();
        }

        private static Map<String, Object> json(JobRun run) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", run.id());
            view.put("job", run.job());
            view.put("kind", run.kind());
            view.put("source", run.source());
            view.put("repository", run.repositoryId());
            view.put("node", run.node());
            view.put("started", run.started().toString());
            view.put("ended", run.ended() == null ? null : run.ended().toString());
            view.put("outcome", run.outcome());
            view.put("figures", run.figures());
            view.put("error", run.error());
            view.put("run_id", run.runId());
            view.put("scheduled_at", run.scheduledAt() == null ? null
                    : run.scheduledAt().toString());
            return view;
        }
    }

    @Command(name = "snapshots", description = "Lists the snapshots as the catalog caches "
            + "them, oldest first, without opening the repository.")
    static final class Snapshots implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        private CatalogCommand parent;

        @Option(names = "--deleted", description = "List the forgotten snapshots instead.")
        private boolean deleted;

        @Override
        public Integer call() throws Exception {
            List<CachedSnapshot> cached;
            try (Catalog catalog = parent.openCatalog()) {
                cached = catalog.snapshots().list().stream()
                        .filter(s -> s.forgotten() == deleted).toList();
            } catch (CatalogException e) {
                throw new CliException(ExitCodes.FAILURE, e.getMessage(), e);
            }
            Printer printer = parent.app.printer();
            List<SnapshotInfo> snapshots = cached.stream().map(CachedSnapshot::snapshot).toList();
            if (printer.json()) {
                printer.json(cached.stream().map(Snapshots::json).toList());
            } else if (cached.isEmpty()) {
                printer.info("no snapshots in the catalog: run holdfast catalog rebuild to "
                        + "fill it from the repository");
            } else {
                SnapshotsCommand.table(snapshots, parent.app.context().zone())
                        .forEach(printer::result);
                printer.info(Units.plural(snapshots.size(), "snapshot"));
            }
            return ExitCodes.SUCCESS;
        }

        /** The view of {@code snapshots --json}, plus the deletion times of a forgotten one. */
        private static Map<String, Object> json(CachedSnapshot cached) {
            Map<String, Object> view = JsonViews.snapshot(cached.snapshot());
            if (cached.forgotten()) {
                view.put("forgotten_at", cached.forgottenAt().toString());
                view.put("removable_at", cached.removableAt().toString());
            }
            return view;
        }
    }
}
