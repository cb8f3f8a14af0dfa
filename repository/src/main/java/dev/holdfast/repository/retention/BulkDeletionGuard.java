package dev.holdfast.repository.retention;

import java.util.Locale;

/**
 * The largest share of a repository's content that one run may delete without confirmation.
 * Forget counts snapshots, and prune may count bytes. A run beyond the share stops before it
 * writes or deletes anything.
 *
 * @param maxShare largest share, from 0 to 1, that passes without confirmation
 * @param confirmed whether the operator confirmed a larger deletion for this run
 */
public record BulkDeletionGuard(double maxShare, boolean confirmed) {
    /** Half of what the repository holds. */
    public static final double DEFAULT_SHARE = 0.5;

    public BulkDeletionGuard {
        if (!(maxShare >= 0 && maxShare <= 1)) {
            throw new IllegalArgumentException("invalid bulk-deletion share " + maxShare
                    + ": expected 0 to 1");
        }
    }

    /** Returns the guard with the default share, unconfirmed. */
    public static BulkDeletionGuard defaults() {
        return new BulkDeletionGuard(DEFAULT_SHARE, false);
    }

    /** Judges a run that deletes {@code amount} of {@code total}, in any one unit. */
    public Verdict judge(long amount, long total) {
        return new Verdict(amount, total, maxShare, confirmed);
    }

    /**
     * The judgement of one run.
     *
     * @param amount what the run would delete
     * @param total what the repository holds, in the same unit
     * @param maxShare the guard's share
     * @param confirmed whether the operator confirmed a larger deletion
     */
    public record Verdict(long amount, long total, double maxShare, boolean confirmed) {
        /** Returns the share the run would delete, or 0 when the repository is empty. */
        public double share() {
            return total <= 0 ? 0 : (double) amount / total;
        }

        /** Returns whether the run deletes more than the guard's share. */
        public boolean exceedsShare() {
            return amount > 0 && share() > maxShare;
        }

        /** Returns whether the run must stop: beyond the share and not confirmed. */
        public boolean stops() {
            return exceedsShare() && !confirmed;
        }

        /** Formats a share from 0 to 1 as a percentage, such as 90% or 33.3%. */
        public static String percent(double share) {
            double percent = share * 100;
            if (percent == Math.rint(percent)) {
                return String.format(Locale.ROOT, "%.0f%%", percent);
            }
            return String.format(Locale.ROOT, "%.1f%%", percent);
        }
    }
}
