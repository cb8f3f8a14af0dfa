package dev.holdfast.repository.retention;

import dev.holdfast.repository.SnapshotInfo;
import java.util.List;

/**
 * What a retention policy decides for one group of snapshots.
 *
 * @param decisions one per snapshot, newest first
 */
public record RetentionPlan(List<Decision> decisions) {
    public RetentionPlan {
        decisions = List.copyOf(decisions);
    }

    /**
     * The decision for one snapshot.
     *
     * @param snapshot the snapshot
     * @param reasons the rules that keep it, such as "last 3" or "daily 2026-12-01"; empty
     *     when it is forgotten
     */
    public record Decision(SnapshotInfo snapshot, List<String> reasons) {
        public Decision {
            reasons = List.copyOf(reasons);
        }

        public boolean keep() {
            return !reasons.isEmpty();
        }
    }

    public List<SnapshotInfo> kept() {
        return decisions.stream().filter(Decision::keep).map(Decision::snapshot).toList();
    }

    public List<SnapshotInfo> forgotten() {
        return decisions.stream().filter(d -> !d.keep()).map(Decision::snapshot).toList();
    }
}
