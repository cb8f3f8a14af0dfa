package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.catalog.JobRecorder;
import dev.holdfast.orchestrator.catalog.JobRecorder.Run;
import dev.holdfast.orchestrator.cli.Holdfast.OpenRepository;
import dev.holdfast.orchestrator.cli.SourcePlans.SourcePlan;
import dev.holdfast.orchestrator.config.Durations;
import dev.holdfast.orchestrator.config.HoldfastConfig;
import dev.holdfast.orchestrator.config.SourceConfig;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.SnapshotInfo;
import dev.holdfast.repository.retention.BulkDeletionException;
import dev.holdfast.repository.retention.BulkDeletionGuard;
import dev.holdfast.repository.retention.ForgetOptions;
import dev.holdfast.repository.retention.ForgetResult;
import dev.holdfast.repository.retention.RetentionPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "forget", description = {"Forgets snapshots: they disappear from the list but "
        + "stay restorable, and undelete brings them back until the deletion delay ends.",
    "Without ID, applies the retention policy of each source of the configuration."})
final class ForgetCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", arity = "0..*",
            description = "Snapshot to forget: a full ID or a unique prefix.")
    private List<String> ids = new ArrayList<>();

    @Option(names = "--source", paramLabel = "NAME",
            description = "Apply only this source's policy (repeatable); not with ID.")
    private List<String> sourceNames = new ArrayList<>();

    @Option(names = "--host", paramLabel = "HOST",
            description = "Host whose snapshots the policies apply to (default: this "
                    + "machine's name).")
    private String host;

    @Option(names = "--dry-run",
            description = "Print what would be kept and forgotten, and write nothing.")
    private boolean dryRun;

    @Option(names = "--reason", paramLabel = "TEXT",
            description = "Why, recorded with each forgotten snapshot.")
    private String reason = "";

    @Option(names = "--confirm-bulk-deletion", description = "Forget even when this run "
            + "forgets more than repository.bulk-deletion-share of the live snapshots.")
    private boolean confirmBulkDeletion;

    @ArgGroup(exclusive = false, heading = "%nPolicy (replaces the "
            + "sources' keep rules; pin-tags still apply):%n")
    private PolicyOptions policy;

    /** Keep rules given on the command line. */
    static final class PolicyOptions {
        @Option(names = "--keep-last", paramLabel = "N", description = "Keep the newest N.")
        int last;
        @Option(names = "--keep-hourly", paramLabel = "N",
                description = "Keep the newest of each of the newest N hours.")
        int hourly;
        @Option(names = "--keep-daily", paramLabel = "N", description = "Likewise for days.")
        int daily;
        @Option(names = "--keep-weekly", paramLabel = "N", description = "Likewise for weeks.")
        int weekly;
        @Option(names = "--keep-monthly", paramLabel = "N",
                description = "Likewise for months.")
        int monthly;
        @Option(names = "--keep-yearly", paramLabel = "N", description = "Likewise for years.")
        int yearly;
        @Option(names = "--keep-within", paramLabel = "DURATION", description = "Keep those "
                + "taken at most DURATION before the newest, such as 7d.")
        String within;
    }

    private final Holdfast app;

    ForgetCommand(Holdfast app) {
        this.app = app;
    }

    @Override
    public Integer call() throws Exception {
        if (dryRun) {
            // A dry run changes nothing, so it is no job run.
            return forget(null, JobRecorder.disabled());
        }
        try (JobRecorder recorder = app.jobRecorder()) {
            Run run = recorder.start("forget", null);
            try {
                int status = forget(run, recorder);
                run.succeeded();
                return status;
            } catch (Exception | Error e) {
                run.failed(e);
                throw e;
            }
        }
    }

    private int forget(Run run, JobRecorder recorder) throws Exception {
        Optional<RetentionPolicy> override = override();
        if (!ids.isEmpty() && (override.isPresent() || !sourceNames.isEmpty())) {
            throw usage("pass either snapshot IDs or a policy (--source, --keep-*), not both");
        }
        HoldfastConfig config = app.config();
        List<SourceConfig> sources = selectedSources(config);
        List<SourcePlan> plans = List.of();
        RetentionFreezes freezes = RetentionFreezes.read(app, recorder);
        try (OpenRepository open = app.openRepository()) {
            Repository repository = open.repository();
            List<String> toForget = freezes.allowed(ids, repository, config.sources(),
                    app.printer());
            if (ids.isEmpty()) {
                plans = SourcePlans.plan(sources, override, repository.snapshots(),
                        host != null ? host : Holdfast.hostName(), app.context().zone());
                rejectNoPolicy(plans, config);
                plans = freezes.apply(plans, app.printer());
                toForget = plans.stream().flatMap(p -> p.plan().forgotten().stream())
                        .map(SnapshotInfo::id).toList();
            }
            ForgetOptions options = new ForgetOptions(reason, pinnedTags(config),
                    new BulkDeletionGuard(config.repository().bulkDeletionShare(),
                            confirmBulkDeletion));
            ForgetOutput output = new ForgetOutput(app.printer(), app.context().zone());
            if (dryRun) {
                output.dryRun(plans, ids.isEmpty() ? ids : toForget, repository, options);
                return ExitCodes.SUCCESS;
            }
            output.plans(plans);
            run.repository(repository.id());
            ForgetResult result = forget(repository, toForget, options);
            output.result(result, repository.deletionDelay());
            run.figure("forgotten", result.forgotten().size())
                    .figure("already_forgotten", result.alreadyForgotten().size());
            recorder.snapshotsChanged(repository.id(), repository.snapshots(),
                    repository.deletedSnapshots());
        }
        return ExitCodes.SUCCESS;
    }

    private ForgetResult forget(Repository repository, List<String> toForget,
            ForgetOptions options) throws Exception {
        if (toForget.isEmpty()) {
            return new ForgetResult(List.of(), List.of(), options.guard().judge(0, 0));
        }
        try {
            return repository.forget(toForget, options);
        } catch (BulkDeletionException e) {
            throw new CliException(ExitCodes.BULK_DELETION_STOPPED, e.getMessage()
                    + ". If this is intended, run again with --confirm-bulk-deletion; the "
                    + "threshold is repository.bulk-deletion-share", e);
        }
    }

    /** Returns the tags that pin a snapshot: the pin-tags of every source. */
    private static Set<String> pinnedTags(HoldfastConfig config) {
        Set<String> pinned = new LinkedHashSet<>();
        for (SourceConfig source : config.sources()) {
            source.retention().ifPresent(r -> pinned.addAll(r.policy().pinTags()));
        }
        return pinned;
    }

    private Optional<RetentionPolicy> override() throws CliException {
        if (policy == null) {
            return Optional.empty();
        }
        try {
            Duration within = policy.within == null ? null : Durations.parse(policy.within);
            RetentionPolicy parsed = new RetentionPolicy(policy.last, policy.hourly,
                    policy.daily, policy.weekly, policy.monthly, policy.yearly, within, Set.of());
            if (!parsed.keepsAny()) {
                throw usage("the --keep-* options keep no snapshot: give at least one above "
                        + "zero");
            }
            return Optional.of(parsed);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage() + " (in a --keep-* option)");
        }
    }

    private List<SourceConfig> selectedSources(HoldfastConfig config) throws CliException {
        if (!ids.isEmpty()) {
            return List.of();
        }
        if (sourceNames.isEmpty()) {
            if (config.sources().isEmpty()) {
                throw usage("nothing to forget: name snapshot IDs, or add sources with a "
                        + "retention policy to \"" + config.file() + "\"");
            }
            return config.sources();
        }
        List<String> known = config.sources().stream().map(SourceConfig::name).toList();
        List<SourceConfig> selected = new ArrayList<>();
        for (String name : sourceNames) {
            selected.add(config.source(name).orElseThrow(() -> usage("unknown source \"" + name
                    + "\": expected one of " + known + " from \"" + config.file() + "\"")));
        }
        return selected;
    }

    private void rejectNoPolicy(List<SourcePlan> plans, HoldfastConfig config)
            throws CliException {
        if (plans.isEmpty()) {
            throw usage("no retention policy applies: add a retention section to the sources "
                    + "in \"" + config.file() + "\", or pass --keep-* options");
        }
    }

    private static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }
}
