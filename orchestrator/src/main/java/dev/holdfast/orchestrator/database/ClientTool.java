package dev.holdfast.orchestrator.database;

import java.util.List;

/** A client program of a database engine, with the names it is installed under. */
public enum ClientTool {
    PG_DUMP(DatabaseKind.POSTGRESQL, "pg_dump"),
    PG_DUMPALL(DatabaseKind.POSTGRESQL, "pg_dumpall"),
    PG_RESTORE(DatabaseKind.POSTGRESQL, "pg_restore"),
    PSQL(DatabaseKind.POSTGRESQL, "psql"),
    /** Older MariaDB releases and MySQL install it as {@code mysqldump}. */
    MARIADB_DUMP(DatabaseKind.MARIADB, "mariadb-dump", "mysqldump"),
    /** Older MariaDB releases and MySQL install it as {@code mysql}. */
    MARIADB(DatabaseKind.MARIADB, "mariadb", "mysql");

    private final DatabaseKind kind;
    private final List<String> names;

    ClientTool(DatabaseKind kind, String... names) {
        this.kind = kind;
        this.names = List.of(names);
    }

    public DatabaseKind kind() {
        return kind;
    }

    /** Returns the program's file names, the preferred one first. */
    public List<String> names() {
        return names;
    }

    /** Returns the preferred file name, which messages use. */
    public String programName() {
        return names.getFirst();
    }

    /** Returns the tools of {@code kind}. */
    static List<ClientTool> of(DatabaseKind kind) {
        return java.util.Arrays.stream(values()).filter(t -> t.kind == kind).toList();
    }
}
