package dev.holdfast.orchestrator.cli;

import dev.holdfast.repository.BackupSummary;
import dev.holdfast.repository.CheckReport;
import dev.holdfast.repository.Entry;
import dev.holdfast.repository.KeySlotInfo;
import dev.holdfast.repository.PathNames;
import dev.holdfast.repository.RestoreSummary;
import dev.holdfast.repository.SnapshotInfo;
import dev.holdfast.repository.placement.PlacementReport;
import dev.holdfast.repository.placement.ProviderStatus;
import dev.holdfast.repository.placement.RepairReport;
import dev.holdfast.repository.placement.ScrubReport;
import dev.holdfast.repository.retention.DeletedSnapshot;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of {@code --json} output. Keys are snake_case and fixed here, apart from the
 * engine's records, so that renaming a record component cannot change what scripts read.
 * Times are ISO-8601 instants in UTC; paths use the reversible form of {@link PathNames}.
 */
final class JsonViews {
    private JsonViews() {
    }

    static Map<String, Object> snapshot(SnapshotInfo snapshot) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", snapshot.id());
        view.put("short_id", snapshot.shortId());
        view.put("time", time(snapshot.time()));
        view.put("host", snapshot.host());
        view.put("paths", snapshot.paths());
        view.put("tags", snapshot.tags());
        view.put("parent", snapshot.parent());
        view.put("files", snapshot.files());
        view.put("bytes", snapshot.bytes());
        view.put("partial", snapshot.partial());
        view.put("under_replicated", snapshot.underReplicated());
        return view;
    }

    static Map<String, Object> deletedSnapshot(DeletedSnapshot deleted) {
        Map<String, Object> view = snapshot(deleted.snapshot());
        view.put("forgotten_at", time(deleted.forgottenAt()));
        view.put("removable_at", time(deleted.removableAt()));
        view.put("forgotten_by", deleted.user() + "@" + deleted.host());
        view.put("reason", deleted.reason());
        return view;
    }

    static Map<String, Object> entry(Entry entry) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("path", entry.displayPath());
        view.put("type", entry.type().label());
        view.put("mode", entry.mode());
        view.put("permissions", EntryFormat.permissions(entry));
        view.put("size", entry.size());
        view.put("modified", time(entry.modified()));
        view.put("uid", entry.uid());
        view.put("gid", entry.gid());
        view.put("user", entry.user());
        view.put("group", entry.group());
        view.put("link_target",
                entry.linkTarget() == null ? null : PathNames.display(entry.linkTarget()));
        view.put("links", entry.links());
        return view;
    }

    static Map<String, Object> backup(BackupSummary summary) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("snapshot_id", summary.snapshotId());
        view.put("files_new", summary.filesNew());
        view.put("files_changed", summary.filesChanged());
        view.put("files_unchanged", summary.filesUnchanged());
        view.put("directories", summary.directories());
        view.put("bytes_read", summary.bytesRead());
        view.put("bytes_added", summary.bytesAdded());
        view.put("blobs_added", summary.blobsAdded());
        view.put("duration_seconds", summary.duration().toNanos() / 1e9);
        view.put("partial", summary.partial());
        view.put("under_replicated", summary.underReplicated());
        view.put("changed_while_read", summary.changedWhileRead());
        view.put("warnings", summary.warnings().stream().map(JsonViews::warning).toList());
        return view;
    }

    private static Map<String, Object> warning(BackupSummary.Warning warning) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("path", warning.path());
        view.put("reason", warning.reason());
        return view;
    }

    static Map<String, Object> restore(RestoreSummary summary, Path target) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("target", target.toString());
        view.put("files", summary.files());
        view.put("directories", summary.directories());
        view.put("other_entries", summary.otherEntries());
        view.put("bytes", summary.bytes());
        view.put("failed", summary.failed());
        view.put("damaged", summary.damaged());
        view.put("warnings", summary.warnings());
        return view;
    }

    static Map<String, Object> check(CheckReport report) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("clean", report.clean());
        view.put("snapshots", report.snapshots());
        view.put("trees", report.trees());
        view.put("packs", report.packs());
        view.put("blobs", report.blobs());
        view.put("packs_read", report.packsRead());
        view.put("blobs_read", report.blobsRead());
        List<Map<String, Object>> problems = report.problems().stream()
                .map(p -> Map.<String, Object>of("object", p.object(), "message", p.message()))
                .toList();
        view.put("problems", problems);
        if (!report.unindexedPacks().isEmpty()) {
            view.put("unindexed_packs", report.unindexedPacks());
        }
        if (report.placement() != null) {
            view.put("placement", placement(report.placement()));
            view.put("healed_snapshots", report.healedSnapshots());
        }
        return view;
    }

    private static Map<String, Object> placement(PlacementReport report) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("objects", report.objects());
        view.put("providers", report.providers());
        view.put("violations", report.violations().stream().map(violation -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("object", violation.key());
            entry.put("rule", violation.rule());
            entry.put("providers", violation.providers());
            entry.put("reason", violation.reason());
            return entry;
        }).toList());
        view.put("unconfirmed", report.unconfirmed());
        view.put("unreachable", report.unreachable());
        return view;
    }

    static Map<String, Object> scrub(ScrubReport report) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("clean", report.clean());
        view.put("provider", report.provider());
        view.put("target", report.target());
        view.put("read_data", report.readData());
        view.put("objects", report.objects());
        view.put("bytes_read", report.bytesRead());
        view.put("missing", report.missing());
        view.put("damaged", report.damaged().stream().map(copy -> Map.of("object",
                copy.key(), "reason", copy.reason())).toList());
        view.put("unreadable", report.unreadable());
        return view;
    }

    static Map<String, Object> key(KeySlotInfo slot) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", slot.id());
        view.put("kind", slot.kind());
        view.put("label", slot.label());
        view.put("created", time(slot.created()));
        view.put("current", slot.current());
        view.put("role", slot.role());
        return view;
    }

    static Map<String, Object> keyRemoved(String id) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("removed", true);
        return view;
    }

    static Map<String, Object> locksRemoved(int count) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("removed", count);
        return view;
    }

    static Map<String, Object> repository(String id, String provider) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("repository_id", id);
        view.put("provider", provider);
        return view;
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
    static Map<String, Object> provider(ProviderStatus status) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("provider", status.provider());
        view.put("target", status.target());
        view.put("reachable", status.reachable());
        view.put("error", status.error());
        view.put("latency_ms", status.latencyIfKnown()
                .map(latency -> latency.toNanos() / 1e6).orElse(null));
        view.put("objects", status.objects());
        view.put("bytes", status.bytes());
        view.put("missing", status.missing());
        view.put("extra", status.extra());
        view.put("damaged", status.damaged() < 0 ? null : status.damaged());
        return view;
    }

    static Map<String, Object> repair(RepairReport report) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("checked", report.checked());
        List<Map<String, Object>> providers = new ArrayList<>();
        for (String provider : report.copied().keySet()) {
            Map<String, Object> copied = new LinkedHashMap<>();
            copied.put("provider", provider);
            copied.put("copied", report.copied().get(provider));
            copied.put("bytes", report.bytesCopied().get(provider));
            providers.add(copied);
        }
        view.put("providers", providers);
        view.put("replaced", replaced(report));
        view.put("unrepairable", report.unrepairable());
        view.put("unreachable", report.unreachable());
        view.put("complete", report.complete());
        view.put("recorded", report.recorded());
        return view;
    }

    /** Describes a copy to {@code target}; the report keys the counts by that name. */
    static Map<String, Object> copy(String target, RepairReport report) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("provider", target);
        view.put("checked", report.checked());
        view.put("copied", report.copied().get(target));
        view.put("bytes_copied", report.bytesCopied().get(target));
        view.put("skipped", report.skipped().get(target));
        view.put("bytes_skipped", report.bytesSkipped().get(target));
        view.put("failed", report.unrepairable());
        view.put("bytes_failed", report.bytesUnrepairable());
        view.put("replaced", replaced(report));
        view.put("unreachable", report.unreachable());
        view.put("complete", report.complete());
        return view;
    }

    private static List<Map<String, String>> replaced(RepairReport report) {
        return report.replaced().stream().map(copy -> Map.of("provider", copy.provider(),
                "key", copy.key(), "reason", copy.reason())).toList();
    }
}
