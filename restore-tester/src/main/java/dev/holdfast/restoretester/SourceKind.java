package dev.holdfast.restoretester;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a source backs up, which decides the environment of its restore test. The labels are
 * stored in reports.
 */
public enum SourceKind {
    /** Files and folders, restored into a temporary directory. */
    FILES("files"),
    /** PostgreSQL databases, restored into an ephemeral PostgreSQL cluster. */
    POSTGRESQL("postgresql"),
    /** MariaDB databases, restored into an ephemeral MariaDB server. */
    MARIADB("mariadb");

    private final String label;

    SourceKind(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    /** Returns the kind whose {@link #label()} is {@code label}. */
    @JsonCreator
    public static SourceKind fromLabel(String label) {
        for (SourceKind kind : values()) {
            if (kind.label.equals(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown source kind '" + label
                + "': expected files, postgresql or mariadb");
    }
}
