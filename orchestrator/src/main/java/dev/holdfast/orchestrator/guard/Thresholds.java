package dev.holdfast.orchestrator.guard;

/**
 * When the rows of one table count as a bulk deletion.
 *
 * @param share fraction of the table's rows that, gone within the window, triggers; above 0
 *     and at most 1
 * @param rows number of rows that, gone within the window, triggers; 1 or more
 * @param minRows tables that held fewer rows are judged only by the dropped and truncated
 *     rules, because a few rows deleted from a small table are everyday work
 * @param dropped whether a table that disappears triggers
 * @param truncated whether a table emptied without counted deletions triggers
 */
public record Thresholds(double share, long rows, long minRows, boolean dropped,
        boolean truncated) {
    public static final double DEFAULT_SHARE = 0.5;
    public static final long DEFAULT_ROWS = 100_000;
    public static final long DEFAULT_MIN_ROWS = 1000;
    /** The defaults of every table: share 0.5, 100000 rows, 1000 rows minimum, both rules. */
    public static final Thresholds DEFAULTS = new Thresholds(DEFAULT_SHARE, DEFAULT_ROWS,
            DEFAULT_MIN_ROWS, true, true);

    public Thresholds {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("invalid share " + share + ": expected a "
                    + "fraction above 0 and at most 1, such as 0.5 for half of a table's rows");
        }
        if (rows < 1) {
            throw new IllegalArgumentException("invalid rows " + rows
                    + ": expected 1 or more rows");
        }
        if (minRows < 0) {
            throw new IllegalArgumentException("invalid min-rows " + minRows
                    + ": expected 0 or more rows");
        }
    }
}
