package dev.holdfast.orchestrator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * Writes what commands print. Results go to standard output; progress, warnings and errors go
 * to standard error. In JSON mode each result is one JSON
 * document on one line, and informational lines are left out so that the output parses.
 * Thread-safe: progress is drawn from a timer thread while workers report warnings.
 */
final class Printer {
    /** How much holdfast prints beyond the results. */
    enum Level {
        /** Results and errors only. */
        QUIET,
        /** Also summaries, warnings and the progress line. */
        NORMAL,
        /** Also details of each step. */
        VERBOSE
    }

    /** ANSI sequence that clears from the cursor to the end of the line. */
    private static final String CLEAR_TO_END = "\u001b[K";

    private final PrintStream out;
    private final PrintStream err;
    private final Level level;
    private final boolean json;
    private final ObjectMapper mapper = JsonMapper.builder().build();
    private boolean statusShown;
    /** Where result lines go: standard output, or standard error once it carries data. */
    private PrintStream lines;

    Printer(PrintStream out, PrintStream err, Level level, boolean json) {
        this.out = out;
        this.err = err;
        this.level = level;
        this.json = json;
        this.lines = out;
    }

    /**
     * Sends result, summary and detail lines to standard error from now on, for a command
     * whose standard output carries data, such as dump: a line there would corrupt the data.
     */
    synchronized void dataOnStandardOutput() {
        lines = err;
    }

    boolean json() {
        return json;
    }

    boolean quiet() {
        return level == Level.QUIET;
    }

    boolean verbose() {
        return level == Level.VERBOSE;
    }

    /** Prints a line of a command's result, at every level. */
    synchronized void result(String line) {
        clearStatus();
        lines.println(line);
    }

    /** Prints a summary or confirmation, unless quiet or in JSON mode. */
    void info(String line) {
        if (level != Level.QUIET && !json) {
            result(line);
        }
    }

    /** Prints a detail, only with --verbose. */
    void detail(String line) {
        if (level == Level.VERBOSE && !json) {
            result(line);
        }
    }

    /** Prints one value as a single line of JSON. */
    synchronized void json(Object value) {
        clearStatus();
        try {
            out.println(mapper.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write JSON output", e);
        }
    }

    /** Prints a non-fatal problem to standard error, unless quiet. */
    synchronized void warning(String message) {
        if (level != Level.QUIET) {
            clearStatus();
            err.println("warning: " + message);
        }
    }

    /** Prints the one line that explains why a command failed, at every level. */
    synchronized void error(String message) {
        clearStatus();
        err.println("holdfast: " + message);
    }

    synchronized void stackTrace(Throwable error) {
        clearStatus();
        error.printStackTrace(err);
    }

    /** Replaces the progress line at the bottom of the terminal. */
    synchronized void status(String line) {
        err.print("\r" + line + CLEAR_TO_END);
        err.flush();
        statusShown = true;
    }

    /** Removes the progress line so that the next line starts on a clean row. */
    synchronized void clearStatus() {
        if (statusShown) {
            err.print("\r" + CLEAR_TO_END);
            err.flush();
            statusShown = false;
        }
    }

    /** Returns standard output for bytes, such as a file or an archive written by dump. */
    OutputStream binaryOut() {
        return out;
    }
}
