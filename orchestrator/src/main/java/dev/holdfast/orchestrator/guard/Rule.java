package dev.holdfast.orchestrator.guard;

/**
 * The rule by which a table was judged damaged, in order of precedence: when several hold for
 * one table, the first is reported.
 */
public enum Rule {
    /** The table was present before and is absent now. */
    DROPPED("dropped"),
    /**
     * The table's rows fell to at most 1% of before without as many deletions counted, as
     * TRUNCATE (or DROP and CREATE of the same name) does.
     */
    TRUNCATED("truncated"),
    /** At least the policy's share of the table's rows disappeared within the window. */
    SHARE("share"),
    /** At least the policy's number of rows disappeared within the window. */
    ROWS("rows");

    private final String label;

    Rule(String label) {
        this.label = label;
    }

    /** Returns the name stored in the catalog and sent in notifications. */
    public String label() {
        return label;
    }
}
