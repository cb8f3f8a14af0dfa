package dev.holdfast.repository.prune;

/**
 * The points of a prune that a {@link Pruner} reports to its step listener, in order. Crash
 * tests stop a process at each of them.
 */
public enum PruneStep {
    /** Phase 1 wrote its new packs and their index files and released the shared lock. */
    PHASE_ONE_WRITTEN,
    /** The exclusive lock is held and the plan is final; nothing is deleted yet. */
    EXCLUSIVE_LOCK_TAKEN,
    /** The snapshot objects of the removed snapshots are deleted. */
    SNAPSHOTS_DELETED,
    /** The replacement index files are written; the superseded ones still exist. */
    REPLACEMENT_INDEX_WRITTEN,
    /** The superseded index files are deleted. */
    INDEX_REWRITTEN,
    /** One pack was deleted; reported after each. */
    PACK_DELETED,
    /** Every deletion is done. */
    DONE;

    /** Receives each step as the prune reaches it. */
    @FunctionalInterface
    public interface Listener {
        void reached(PruneStep step);
    }
}
