package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.config.RetentionConfig;
import dev.holdfast.orchestrator.config.SourceConfig;
import dev.holdfast.orchestrator.dbsource.Rollback;
import dev.holdfast.repository.SnapshotInfo;
import dev.holdfast.repository.retention.RetentionPlan;
import dev.holdfast.repository.retention.RetentionPlanner;
import dev.holdfast.repository.retention.RetentionPolicy;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The retention plans of the configured sources. A snapshot belongs to a source when it was
 * taken on the given host of exactly the source's snapshot paths, as {@code holdfast backup}
 * without paths records them; other snapshots are left alone.
 */
final class SourcePlans {
    /** The plan of one source. */
    record SourcePlan(SourceConfig source, RetentionPlan plan) {
    }

    private SourcePlans() {
    }

    /**
     * Plans each source that has a policy: {@code override} when given, else the source's
     * own. Pinned tags always come from the configuration.
     */
    static List<SourcePlan> plan(List<SourceConfig> sources, Optional<RetentionPolicy> override,
            List<SnapshotInfo> live, String host, ZoneId machineZone) {
        List<SourcePlan> plans = new ArrayList<>();
        for (SourceConfig source : sources) {
            Optional<RetentionConfig> configured = source.retention();
            Optional<RetentionPolicy> policy = override
                    .map(p -> p.withPinTags(configured.map(c -> c.policy().pinTags())
                            .orElse(Set.of())))
                    .or(() -> configured.map(RetentionConfig::policy));
            if (policy.isEmpty()) {
                continue;
            }
            ZoneId zone = configured.flatMap(RetentionConfig::zone).orElse(machineZone);
            RetentionPlan plan = new RetentionPlanner(policy.get(), zone)
                    .plan(group(source, live, host));
            plans.add(new SourcePlan(source, plan));
        }
        return plans;
    }

    /**
     * Returns the snapshots of {@code source} taken on {@code host} that its retention policy
     * judges. Forensic snapshots, the evidence of a bulk deletion, are left out: they must not
     * push the clean snapshots out of keep-last, and only an operator forgets them, by ID.
     */
    static List<SnapshotInfo> group(SourceConfig source, List<SnapshotInfo> live, String host) {
        return live.stream().filter(s -> s.host().equals(host))
                .filter(s -> belongsTo(source, s))
                .filter(s -> !s.tags().contains(Rollback.FORENSIC_TAG)).toList();
    }

    /** Returns whether {@code snapshot} is of exactly {@code source}'s paths, on any host. */
    static boolean belongsTo(SourceConfig source, SnapshotInfo snapshot) {
        return snapshot.paths().stream().sorted().toList()
                .equals(source.snapshotPaths().stream().sorted().toList());
    }
}
