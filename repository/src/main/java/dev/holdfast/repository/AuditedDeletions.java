package dev.holdfast.repository;

import dev.holdfast.repository.audit.AuditEntry;
import dev.holdfast.repository.audit.AuditVerifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The forget and undelete steps that the audit trail records, compared with the deletion
 * records. A provider can drop one deletion record without failing any authentication: dropping
 * an undelete record makes a snapshot removable again, and dropping a forget record brings
 * one back. The audit trail is hash-chained, so its newest step for a snapshot is the
 * second witness that check and prune consult.
 */
final class AuditedDeletions {
    /** The newest forget or undelete entry that names a snapshot. */
    record Step(long seq, boolean forgotten) {
    }

    private final Map<String, Step> newest;

    private AuditedDeletions(Map<String, Step> newest) {
        this.newest = newest;
    }

    static AuditedDeletions of(AuditVerifier.Result trail) {
        Map<String, Step> newest = new HashMap<>();
        for (AuditVerifier.Listed listed : trail.entries()) {
            AuditEntry entry = listed.entry();
            if (entry == null || entry.details() == null) {
                continue;
            }
            if (entry.action().equals("forget")) {
                String ids = entry.details().getOrDefault("snapshots", "");
                for (String id : ids.split(",")) {
                    if (!id.isEmpty()) {
                        newest.put(id, new Step(listed.seq(), true));
                    }
                }
            } else if (entry.action().equals("undelete")) {
                String id = entry.details().get("snapshot");
                if (id != null) {
                    newest.put(id, new Step(listed.seq(), false));
                }
            }
        }
        return new AuditedDeletions(newest);
    }

    /**
     * Returns whether the audit trail's newest step for {@code snapshotId} disagrees with
     * {@code forgottenByRecords}. A snapshot that no entry names agrees: repositories older
     * than the trail, and steps whose entry could not be written, have records alone.
     */
    boolean disagrees(String snapshotId, boolean forgottenByRecords) {
        Step step = newest.get(snapshotId);
        return step != null && step.forgotten() != forgottenByRecords;
    }

    /**
     * Returns a problem for each existing snapshot whose deletion records disagree with the
     * audit trail.
     *
     * @param live IDs of snapshots that the records leave live
     * @param forgotten IDs of existing snapshots that the records show forgotten
     */
    List<CheckReport.Problem> problems(Set<String> live, Set<String> forgotten) {
        List<CheckReport.Problem> problems = new ArrayList<>();
        for (Map.Entry<String, Step> entry : newest.entrySet()) {
            String id = entry.getKey();
            boolean recordsForget = forgotten.contains(id);
            if (!recordsForget && !live.contains(id)) {
                continue;
            }
            if (entry.getValue().forgotten() != recordsForget) {
                problems.add(new CheckReport.Problem("deleted/ (snapshot " + id + ")",
                        "the deletion records show the snapshot " + (recordsForget ? "forgotten"
                        : "live") + ", but audit entry " + entry.getValue().seq() + " records "
                        + (entry.getValue().forgotten() ? "a forget" : "an undelete")
                        + " as its newest step: a deletion record is missing or was added "
                        + "outside holdfast. Prune leaves this snapshot alone; run "
                        + (entry.getValue().forgotten() ? "`holdfast forget`"
                        : "`holdfast undelete`") + " on it to write the step again"));
            }
        }
        return problems;
    }
}
