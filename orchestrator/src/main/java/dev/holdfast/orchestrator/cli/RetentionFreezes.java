package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.catalog.Catalog;
import dev.holdfast.orchestrator.catalog.CatalogException;
import dev.holdfast.orchestrator.catalog.Incidents.Freeze;
import dev.holdfast.orchestrator.catalog.JobRecorder;
import dev.holdfast.orchestrator.cli.SourcePlans.SourcePlan;
import dev.holdfast.orchestrator.config.CatalogConfig;
import dev.holdfast.orchestrator.config.ConfigException;
import dev.holdfast.orchestrator.config.SourceConfig;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.SnapshotInfo;
import dev.holdfast.repository.retention.DeletedSnapshot;
import dev.holdfast.repository.retention.RetentionPlan;
import dev.holdfast.repository.retention.RetentionPlan.Decision;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The retention freezes that the bulk-deletion guard's incidents impose, as forget applies
 * them: no snapshot of a frozen source is forgotten, by policy or by ID, until an operator
 * lifts every freeze of the source with {@code holdfast incidents lift}.
 * Prune keeps the snapshots of a frozen source that were forgotten before the freeze, even
 * once their deletion delay has passed, so they stay restorable with undelete.
 */
final class RetentionFreezes {
    private final Map<String, List<Freeze>> bySource;

    private RetentionFreezes(Map<String, List<Freeze>> bySource) {
        this.bySource = Map.copyOf(bySource);
    }

    /**
     * Reads the active freezes from the catalog that {@code recorder} has open, or opens it.
     * A disabled catalog has none, because the guard records its incidents there.
     *
     * @throws CliException when the catalog is enabled but cannot be read: forgetting without
     *     knowing the freezes could forget the snapshots from before a bulk deletion
     */
    static RetentionFreezes read(Holdfast app, JobRecorder recorder)
            throws CliException, ConfigException {
        try {
            Optional<Catalog> open = recorder.catalog();
            if (open.isPresent()) {
                return new RetentionFreezes(open.get().incidents().frozenSources());
            }
            CatalogConfig config = app.config().catalog();
            if (!config.enabled()) {
                return new RetentionFreezes(Map.of());
            }
            try (Catalog catalog = Catalog.open(config, app.context().environment())) {
                return new RetentionFreezes(catalog.incidents().frozenSources());
            }
        } catch (CatalogException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot read the retention freezes of the "
                    + "bulk-deletion guard: " + e.getMessage() + "; forget writes nothing while "
                    + "it cannot tell which sources are frozen", e);
        }
    }

    /**
     * Returns {@code plans} with every snapshot of a frozen source kept, and warns once per
     * frozen source.
     */
    List<SourcePlan> apply(List<SourcePlan> plans, Printer printer) {
        List<SourcePlan> applied = new ArrayList<>();
        for (SourcePlan plan : plans) {
            List<Freeze> freezes = bySource.getOrDefault(plan.source().name(), List.of());
            if (freezes.isEmpty()) {
                applied.add(plan);
                continue;
            }
            printer.warning(describe(plan.source().name(), freezes));
            applied.add(new SourcePlan(plan.source(), frozen(plan.plan(), freezes)));
        }
        return applied;
    }

    private static RetentionPlan frozen(RetentionPlan plan, List<Freeze> freezes) {
        String reason = "frozen by incident " + incidents(freezes);
        List<Decision> decisions = new ArrayList<>();
        for (Decision decision : plan.decisions()) {
            decisions.add(decision.keep() ? decision
                    : new Decision(decision.snapshot(), List.of(reason)));
        }
        return new RetentionPlan(decisions);
    }

    /**
     * Returns the snapshot IDs that forget may forget: those not taken of a frozen source.
     * The others are left out with a warning. An ID that names no snapshot stays, so that
     * forget reports it as before.
     */
    List<String> allowed(List<String> ids, Repository repository, List<SourceConfig> sources,
            Printer printer) throws RepositoryException {
        if (bySource.isEmpty()) {
            return ids;
        }
        List<String> allowed = new ArrayList<>();
        for (String id : ids) {
            Optional<SnapshotInfo> snapshot = find(repository, id);
            Optional<SourceConfig> frozenSource = snapshot.flatMap(s -> sources.stream()
                    .filter(source -> bySource.containsKey(source.name()))
                    .filter(source -> SourcePlans.belongsTo(source, s))
                    .findFirst());
            if (frozenSource.isEmpty()) {
                allowed.add(id);
                continue;
            }
            String name = frozenSource.get().name();
            printer.warning("snapshot " + snapshot.get().shortId() + " is not forgotten: "
                    + describe(name, bySource.get(name)));
        }
        return allowed;
    }

    /**
     * Returns the IDs of the forgotten snapshots of frozen sources, which prune must not
     * remove, and warns once per frozen source that has any.
     */
    Set<String> keptForgotten(List<DeletedSnapshot> deleted, List<SourceConfig> sources,
            Printer printer) {
        Set<String> kept = new TreeSet<>();
        Set<String> warned = new TreeSet<>();
        for (DeletedSnapshot snapshot : deleted) {
            SnapshotInfo info = snapshot.snapshot();
            Optional<SourceConfig> frozenSource = sources.stream()
                    .filter(source -> bySource.containsKey(source.name()))
                    .filter(source -> SourcePlans.belongsTo(source, info))
                    .findFirst();
            if (frozenSource.isEmpty()) {
                continue;
            }
            kept.add(info.id());
            String name = frozenSource.get().name();
            if (warned.add(name)) {
                printer.warning("prune keeps the forgotten snapshots of source \"" + name
                        + "\": " + describe(name, bySource.get(name)));
            }
        }
        return kept;
    }

    private static Optional<SnapshotInfo> find(Repository repository, String id)
            throws RepositoryException {
        try {
            return Optional.of(repository.snapshot(id));
        } catch (RepositoryException e) {
            if (e.reason() == RepositoryException.Reason.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Describes the freezes of a source, such as: source "shop" is frozen by incident 3 since
     * 2026-03-01T02:00:00Z; lift with holdfast incidents lift 3 --reason TEXT.
     */
    static String describe(String source, List<Freeze> freezes) {
        List<String> ids = freezes.stream().map(f -> Long.toString(f.incidentId())).distinct()
                .toList();
        String since = " since " + freezes.getFirst().since().truncatedTo(ChronoUnit.SECONDS);
        if (ids.size() == 1) {
            return "source \"" + source + "\" is frozen by incident " + ids.getFirst() + since
                    + "; lift with holdfast incidents lift " + ids.getFirst() + " --reason TEXT";
        }
        return "source \"" + source + "\" is frozen by incidents " + String.join(", ", ids)
                + since + "; lift each with holdfast incidents lift ID --reason TEXT";
    }

    private static String incidents(List<Freeze> freezes) {
        return freezes.stream().map(f -> Long.toString(f.incidentId())).distinct()
                .collect(Collectors.joining(", "));
    }
}
