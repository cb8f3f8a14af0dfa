package dev.holdfast.orchestrator.guard;

import java.util.Optional;

/** The rules that judge a table by its live rows: truncated, share and rows. */
final class RowRules {
    private RowRules() {
    }

    /**
     * Returns the rule that the change from {@code before} to {@code now} breaks, if any.
     *
     * @param countersReset whether the table's counters went down while other tables' did not,
     *     which a table dropped and created anew under the same name shows
     */
    static Optional<Rule> judge(Point before, Point now, Thresholds limits,
            boolean countersReset) {
        if (before == null || !before.knownRows() || !now.knownRows()) {
            return Optional.empty();
        }
        long lost = before.liveRows() - now.liveRows();
        if (lost <= 0) {
            return Optional.empty();
        }
        boolean large = before.liveRows() >= limits.minRows();
        if (limits.truncated() && truncated(before, now, large, countersReset)) {
            return Optional.of(Rule.TRUNCATED);
        }
        if (!large) {
            return Optional.empty();
        }
        if (lost >= limits.share() * before.liveRows()) {
            return Optional.of(Rule.SHARE);
        }
        return lost >= limits.rows() ? Optional.of(Rule.ROWS) : Optional.empty();
    }

    /**
     * Returns whether the table was emptied to at most 1% of its rows without as many
     * deletions counted: TRUNCATE does not count deleted rows in PostgreSQL. Small tables
     * count only when the counters show this; without counters, an emptied small table may as
     * well be a queue that was worked off.
     */
    private static boolean truncated(Point before, Point now, boolean large,
            boolean countersReset) {
        if (now.liveRows() > before.liveRows() / 100) {
            return false;
        }
        if (countersReset) {
            return true;
        }
        if (before.knownCounters() && now.knownCounters()) {
            long lost = before.liveRows() - now.liveRows();
            long deleted = now.deletedTotal() - before.deletedTotal();
            // Fewer than half of the vanished rows were deleted one by one.
            return deleted < lost - deleted;
        }
        return large;
    }

    /** Returns whether {@code now} has at most 1% of the rows of {@code before}. */
    static boolean nearlyEmptied(Point before, Point now) {
        return before != null && before.knownRows() && now.knownRows()
                && before.liveRows() > 0 && now.liveRows() <= before.liveRows() / 100;
    }
}
