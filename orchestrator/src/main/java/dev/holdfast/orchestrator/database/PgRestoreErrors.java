package dev.holdfast.orchestrator.database;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the error output of pg_restore and psql, and tells harmless errors from real ones.
 * pg_restore, run without {@code --exit-on-error}, reports each failed statement as a line
 * {@code pg_restore: error: could not execute query: ERROR: ...} followed by {@code Command
 * was: ...}, and ends with {@code pg_restore: warning: errors ignored on restore: N}.
 *
 * <p>Harmless: a comment on an extension or a change to schema {@code public} that only its
 * owner may make, and objects that already exist in a restore of globals (roles). Anything
 * else, including errors this class cannot parse, is real.
 */
final class PgRestoreErrors implements Consumer<String> {
    private static final String QUERY_FAILED = "pg_restore: error: could not execute query: ";
    private static final String IGNORED = "pg_restore: warning: errors ignored on restore: ";
    private static final int KEPT = 20;

    private final boolean rolesMayExist;
    private final List<String> harmless = new ArrayList<>();
    private final List<String> real = new ArrayList<>();
    private int realCount;
    private long reportedIgnored = -1;
    private String message;
    private StringBuilder command;

    /** @param rolesMayExist whether "role ... already exists" is harmless (globals) */
    PgRestoreErrors(boolean rolesMayExist) {
        this.rolesMayExist = rolesMayExist;
    }

    @Override
    public synchronized void accept(String line) {
        if (line.startsWith(QUERY_FAILED)) {
            finishBlock();
            message = line.substring(QUERY_FAILED.length());
        } else if (line.startsWith("Command was: ") && message != null) {
            command = new StringBuilder(line.substring("Command was: ".length()));
        } else if (line.startsWith(IGNORED)) {
            finishBlock();
            reportedIgnored = parseCount(line.substring(IGNORED.length()));
        } else if (line.startsWith("pg_restore: error: ") || isPsqlError(line)) {
            finishBlock();
            classify(line, "");
        } else if (line.startsWith("pg_restore: ")) {
            finishBlock();
        } else if (command != null) {
            command.append('\n').append(line);
        }
    }

    private static boolean isPsqlError(String line) {
        return line.startsWith("psql:") && (line.contains(" ERROR:") || line.contains(" FATAL:"));
    }

    private void finishBlock() {
        if (message != null) {
            classify(message, command == null ? "" : command.toString());
        }
        message = null;
        command = null;
    }

    private void classify(String error, String sql) {
        if (isHarmless(error, sql.strip())) {
            harmless.add(error);
            return;
        }
        realCount++;
        if (real.size() < KEPT) {
            real.add(sql.isEmpty() ? error : error + " (statement: " + firstLine(sql) + ")");
        }
    }

    private boolean isHarmless(String error, String sql) {
        if (error.contains("must be owner of extension")
                && sql.startsWith("COMMENT ON EXTENSION")) {
            return true;
        }
        if (sql.endsWith("SCHEMA public;") || sql.contains("SCHEMA public ")) {
            return error.contains("must be owner of schema public")
                    || error.contains("schema \"public\" already exists");
        }
        return rolesMayExist && error.contains("ERROR:  role \"")
                && error.contains("\" already exists");
    }

    private static String firstLine(String sql) {
        int end = sql.indexOf('\n');
        return end < 0 ? sql : sql.substring(0, end) + " ...";
    }

    private static long parseCount(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Returns the harmless errors seen so far. */
    synchronized List<String> harmless() {
        finishBlock();
        return List.copyOf(harmless);
    }

    /**
     * Returns why the run failed, or an empty string when its only errors were harmless.
     * A pg_restore that exited 1 must have reported exactly the errors this class saw.
     */
    synchronized String judge(int exitStatus, boolean pgRestore) {
        finishBlock();
        if (realCount > 0) {
            return realCount + " error(s), first: " + String.join("; ", real);
        }
        if (exitStatus == 0) {
            return "";
        }
        if (pgRestore && exitStatus == 1 && reportedIgnored == harmless.size()) {
            return "";
        }
        return "exit status " + exitStatus;
    }
}
