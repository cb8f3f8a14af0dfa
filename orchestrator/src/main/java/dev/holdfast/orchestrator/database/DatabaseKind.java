package dev.holdfast.orchestrator.database;

/** The database engines that Holdfast backs up with their own dump tools. */
public enum DatabaseKind {
    POSTGRESQL("postgresql"),
    MARIADB("mariadb");

    private final String id;

    DatabaseKind(String id) {
        this.id = id;
    }

    /** Returns the stable name written to {@code database.json}. */
    public String id() {
        return id;
    }

    /** Returns the kind whose {@link #id()} is {@code id}. */
    public static DatabaseKind fromId(String id) {
        for (DatabaseKind kind : values()) {
            if (kind.id.equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown database kind \"" + id
                + "\": expected \"postgresql\" or \"mariadb\"");
    }
}
