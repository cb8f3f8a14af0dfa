package dev.holdfast.orchestrator.config;

import java.util.List;

/**
 * The kinds of scheduled job and the names of their jobs. A source's backup job is named
 * {@code backup:SOURCE}; the repository's jobs are named after their kind.
 */
public final class JobKinds {
    public static final String BACKUP = "backup";
    /** Forget by each source's retention policy, then prune what the deletion delay frees. */
    public static final String RETENTION = "retention";
    public static final String CHECK = "check";
    /** Check that reads and verifies stored data, not only its presence. */
    public static final String SCRUB = "scrub";
    public static final String REPAIR = "repair";
    /** Restore the newest and a random older snapshot of each source, and verify them. */
    public static final String RESTORE_TEST = "restore-test";
    /** The order in which {@code holdfast run --once} runs the kinds. */
    public static final List<String> RUN_ORDER = List.of(BACKUP, RETENTION, CHECK, SCRUB,
            REPAIR, RESTORE_TEST);

    private JobKinds() {
    }

    /**
     * Returns whether jobs of {@code kind} write the repository. Those take the catalog lock,
     * so that only one of them runs at a time per repository across the nodes. Check and
     * scrub only read, and run beside them. A restore test reads too, and adds only a small
     * snapshot of its report under the repository's shared backup lock.
     */
    public static boolean writes(String kind) {
        return switch (kind) {
            case BACKUP, RETENTION, REPAIR -> true;
            default -> false;
        };
    }

    public static String backupJob(String source) {
        return BACKUP + ":" + source;
    }
}
