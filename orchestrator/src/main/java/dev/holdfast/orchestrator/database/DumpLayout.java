package dev.holdfast.orchestrator.database;

import java.nio.charset.StandardCharsets;

/**
 * The file names of a database backup inside a snapshot: {@code globals.sql} at the top for
 * PostgreSQL, and for each database a folder named after it with {@code database.json}, the
 * dump ({@code dump.custom} from pg_dump, {@code dump.sql} from mariadb-dump) and {@code
 * tables.json}. A database name is percent-encoded (UTF-8) where it has a character other
 * than a letter, digit, {@code _}, {@code -} or {@code .}, or is {@code .} or {@code ..}, so
 * that any name makes one safe path element.
 */
public final class DumpLayout {
    /** PostgreSQL's roles and tablespaces, from {@code pg_dumpall --globals-only}. */
    public static final String GLOBALS = "globals.sql";
    public static final String DATABASE_INFO = "database.json";
    public static final String TABLES = "tables.json";
    public static final String POSTGRES_DUMP = "dump.custom";
    public static final String MARIADB_DUMP = "dump.sql";

    private DumpLayout() {
    }

    /** Returns the folder of {@code database}'s files. */
    public static String folder(String database) {
        if (database.equals(".") || database.equals("..")) {
            return database.replace(".", "%2E");
        }
        StringBuilder folder = new StringBuilder();
        database.codePoints().forEach(codePoint -> {
            if (codePoint <= Character.MAX_VALUE && Character.isSurrogate((char) codePoint)) {
                // An unpaired surrogate has no UTF-8 form: the encoder would write '?' for
                // each, so two names that differ only there would share a folder. A "%u"
                // escape cannot collide with the byte escapes, whose "%" is followed by hex.
                folder.append("%u").append(String.format("%04X", codePoint));
                return;
            }
            for (byte b : Character.toString(codePoint).getBytes(StandardCharsets.UTF_8)) {
                char c = (char) (b & 0xff);
                if (Character.isLetterOrDigit(c) && c < 128 || "_-.".indexOf(c) >= 0) {
                    folder.append(c);
                } else {
                    folder.append('%').append(String.format("%02X", b & 0xff));
                }
            }
        });
        return folder.toString();
    }

    /** Returns the path of {@code file} in {@code database}'s folder. */
    public static String path(String database, String file) {
        return folder(database) + "/" + file;
    }

    /** Returns the file name of the dump that {@code kind}'s tool writes. */
    public static String dumpFile(DatabaseKind kind) {
        return kind == DatabaseKind.POSTGRESQL ? POSTGRES_DUMP : MARIADB_DUMP;
    }
}
