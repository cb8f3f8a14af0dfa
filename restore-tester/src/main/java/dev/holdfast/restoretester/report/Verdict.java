package dev.holdfast.restoretester.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The outcome of a restore test, a source or a snapshot. The labels are stored in reports. */
public enum Verdict {
    /** Every check passed or was skipped. */
    PASSED("passed"),
    /** At least one check failed. */
    FAILED("failed");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    /** Returns the verdict whose {@link #label()} is {@code label}. */
    @JsonCreator
    public static Verdict fromLabel(String label) {
        for (Verdict verdict : values()) {
            if (verdict.label.equals(label)) {
                return verdict;
            }
        }
        throw new IllegalArgumentException("unknown verdict '" + label
                + "': expected passed or failed");
    }

    /** Returns {@link #FAILED} when any of {@code checks} failed, else {@link #PASSED}. */
    public static Verdict of(Iterable<Check> checks) {
        for (Check check : checks) {
            if (check.status() == CheckStatus.FAILED) {
                return FAILED;
            }
        }
        return PASSED;
    }
}
