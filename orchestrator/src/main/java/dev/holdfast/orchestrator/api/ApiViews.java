package dev.holdfast.orchestrator.api;

import dev.holdfast.orchestrator.catalog.CachedSnapshot;
import dev.holdfast.orchestrator.catalog.JobRun;
import dev.holdfast.orchestrator.catalog.ProviderHealthRows.Health;
import dev.holdfast.repository.SnapshotInfo;
import dev.holdfast.scheduler.Schedule;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON shapes of the API. Keys are snake_case and fixed here, apart from the records they
 * come from, so that renaming a component cannot change what clients read. Times are
 * ISO-8601 instants in UTC, or null.
 */
final class ApiViews {
    private ApiViews() {
    }

    static Map<String, Object> job(Schedule schedule, Optional<Instant> nextFireTime) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", schedule.jobName());
        view.put("kind", schedule.kind());
        view.put("cron", schedule.cron());
        view.put("time_zone", schedule.zone().getId());
        view.put("misfire", schedule.misfire().configName());
        view.put("next_fire_time", time(nextFireTime.orElse(null)));
        return view;
    }

    static Map<String, Object> run(JobRun run) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", run.id());
        view.put("job", run.job());
        view.put("kind", run.kind());
        view.put("source", run.source());
        view.put("repository_id", run.repositoryId());
        view.put("node", run.node());
        view.put("started", time(run.started()));
        view.put("ended", time(run.ended()));
        view.put("outcome", run.outcome());
        view.put("figures", run.figures());
        view.put("error", run.error());
        return view;
    }

    static Map<String, Object> snapshot(CachedSnapshot cached) {
        SnapshotInfo snapshot = cached.snapshot();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("repository_id", cached.repositoryId());
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
        view.put("forgotten_at", time(cached.forgottenAt()));
        view.put("removable_at", time(cached.removableAt()));
        return view;
    }

    static Map<String, Object> provider(Health health) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("provider", health.provider());
        view.put("checked_at", time(health.checkedAt()));
        view.put("status", health.status());
        view.put("detail", health.detail());
        return view;
    }

    static Map<String, Object> error(String message) {
        return Map.of("error", message);
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
