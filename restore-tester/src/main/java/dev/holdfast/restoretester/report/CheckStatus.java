package dev.holdfast.restoretester.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The outcome of one check. The labels are stored in reports. */
public enum CheckStatus {
    PASSED("passed"),
    FAILED("failed"),
    /** Nothing could be compared, such as row counts when the snapshot recorded none. */
    SKIPPED("skipped");

    private final String label;

    CheckStatus(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    /** Returns the status whose {@link #label()} is {@code label}. */
    @JsonCreator
    public static CheckStatus fromLabel(String label) {
        for (CheckStatus status : values()) {
            if (status.label.equals(label)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown check status '" + label
                + "': expected passed, failed or skipped");
    }
}
