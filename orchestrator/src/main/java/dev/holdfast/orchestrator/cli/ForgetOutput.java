package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.cli.SourcePlans.SourcePlan;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.SnapshotInfo;
import dev.holdfast.repository.retention.BulkDeletionGuard;
import dev.holdfast.repository.retention.DeletedSnapshot;
import dev.holdfast.repository.retention.ForgetOptions;
import dev.holdfast.repository.retention.ForgetResult;
import dev.holdfast.repository.retention.Retention;
import dev.holdfast.repository.retention.RetentionPlan;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The output of forget: the plan of each source, and the snapshots forgotten. */
final class ForgetOutput {
    private final Printer printer;
    private final ZoneId zone;
    private final List<Map<String, Object>> sourceViews = new ArrayList<>();

    ForgetOutput(Printer printer, ZoneId zone) {
        this.printer = printer;
        this.zone = zone;
    }

    /** Prints each source's plan as a table; in JSON mode keeps it for the one result. */
    void plans(List<SourcePlan> plans) {
        for (SourcePlan plan : plans) {
            sourceViews.add(sourceView(plan));
            if (printer.json()) {
                continue;
            }
            List<RetentionPlan.Decision> decisions = plan.plan().decisions();
            long kept = decisions.stream().filter(RetentionPlan.Decision::keep).count();
            printer.result("source \"" + plan.source().name() + "\": keep " + kept
                    + ", forget " + (decisions.size() - kept));
            if (decisions.isEmpty()) {
                continue;
            }
            Table table = new Table("ID", "Time", "Action", "Kept by");
            for (RetentionPlan.Decision decision : decisions) {
                SnapshotInfo snapshot = decision.snapshot();
                table.row(snapshot.shortId(), EntryFormat.TIME.format(snapshot.time().atZone(zone)),
                        decision.keep() ? "keep" : "forget", String.join(", ", decision.reasons()));
            }
            table.lines().forEach(line -> printer.result("  " + line));
        }
    }

    /**
     * Prints what a run would do, without writing: the plans, or the snapshots named, and
     * whether the bulk-deletion guard would stop the run.
     */
    void dryRun(List<SourcePlan> plans, List<String> ids, Repository repository,
            ForgetOptions options) throws RepositoryException {
        plans(plans);
        List<SnapshotInfo> named = new ArrayList<>();
        for (String id : ids) {
            named.add(repository.snapshot(id));
        }
        Set<String> forgotten = repository.deletedSnapshots().stream()
                .map(d -> d.snapshot().id()).collect(Collectors.toSet());
        List<String> toForget = new ArrayList<>();
        plans.forEach(p -> p.plan().forgotten().forEach(s -> toForget.add(s.id())));
        for (SnapshotInfo snapshot : named) {
            String action = action(snapshot, forgotten, options.pinnedTags());
            if (action.equals("forget")) {
                toForget.add(snapshot.id());
            }
            printer.result("snapshot " + snapshot.shortId() + ": " + action);
        }
        long live = repository.snapshots().size();
        BulkDeletionGuard.Verdict verdict = repository.judgeForget(toForget.size(), options);
        if (printer.json()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("dry_run", true);
            view.put("sources", sourceViews);
            view.put("forget", toForget);
            view.put("bulk_deletion", guardView(verdict));
            printer.json(view);
            return;
        }
        printer.info("dry run: would forget " + Units.plural(toForget.size(), "snapshot")
                + " of " + live + " live; nothing was written");
        if (verdict.stops()) {
            printer.warning("the bulk-deletion guard would stop it: "
                    + Retention.describe(verdict, toForget.size())
                    + " (repository.bulk-deletion-share); add --confirm-bulk-deletion to proceed");
        }
    }

    private static String action(SnapshotInfo snapshot, Set<String> forgotten, Set<String> pinned) {
        for (String tag : snapshot.tags()) {
            if (pinned.contains(tag)) {
                return "cannot be forgotten, pinned by tag " + tag;
            }
        }
        return forgotten.contains(snapshot.id()) ? "already forgotten" : "forget";
    }

    /** Prints what a forget did and until when it can be undone. */
    void result(ForgetResult result, Duration delay) {
        if (printer.json()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("dry_run", false);
            view.put("sources", sourceViews);
            view.put("forgotten", result.forgotten().stream().map(SnapshotInfo::id).toList());
            view.put("already_forgotten", result.alreadyForgotten().stream()
                    .map(d -> d.snapshot().id()).toList());
            view.put("deletion_delay_seconds", delay.toSeconds());
            view.put("bulk_deletion", guardView(result.verdict()));
            printer.json(view);
            return;
        }
        for (DeletedSnapshot already : result.alreadyForgotten()) {
            printer.info("snapshot " + already.snapshot().shortId() + " was already forgotten at "
                    + EntryFormat.TIME.format(already.forgottenAt().atZone(zone))
                    + "; nothing written for it");
        }
        if (result.forgotten().isEmpty()) {
            printer.info("forgot no snapshot");
            return;
        }
        for (SnapshotInfo snapshot : result.forgotten()) {
            printer.detail("forgot snapshot " + snapshot.id());
        }
        printer.info("forgot " + Units.plural(result.forgotten().size(), "snapshot") + "; each "
                + "stays restorable for the deletion delay of " + Retention.format(delay)
                + ", and holdfast undelete ID brings it back until then");
    }

    private Map<String, Object> sourceView(SourcePlan plan) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("source", plan.source().name());
        List<Map<String, Object>> snapshots = new ArrayList<>();
        for (RetentionPlan.Decision decision : plan.plan().decisions()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", decision.snapshot().id());
            entry.put("short_id", decision.snapshot().shortId());
            entry.put("time", decision.snapshot().time().toString());
            entry.put("action", decision.keep() ? "keep" : "forget");
            entry.put("reasons", decision.reasons());
            snapshots.add(entry);
        }
        view.put("snapshots", snapshots);
        return view;
    }

    private static Map<String, Object> guardView(BulkDeletionGuard.Verdict verdict) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("count", verdict.amount());
        view.put("live", verdict.total());
        view.put("share", verdict.share());
        view.put("threshold", verdict.maxShare());
        view.put("stops", verdict.stops());
        return view;
    }
}
