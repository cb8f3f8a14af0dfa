package dev.holdfast.orchestrator.config;

import com.fasterxml.jackson.core.JsonLocation;
import java.nio.file.Path;

/**
 * A configuration file that cannot be used. The message starts with {@code file:line:column}
 * when the problem has a place in the file, then states what is wrong and what is expected.
 */
public final class ConfigException extends Exception {
    private final int line;
    private final int column;

    /** Creates an error that has no place in the file, such as a file that does not exist. */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
        this.line = -1;
        this.column = -1;
    }

    private ConfigException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    static ConfigException at(Path file, JsonLocation location, String message) {
        if (location == null || location.getLineNr() < 1) {
            return new ConfigException(file + ": " + message, -1, -1);
        }
        int line = location.getLineNr();
        int column = location.getColumnNr();
        String place = file + ":" + line + ":" + column;
        return new ConfigException(place + ": " + message, line, column);
    }

    /** Line of the problem, counted from 1, or -1 when the problem has no place in the file. */
    public int line() {
        return line;
    }

    /** Column of the problem, counted from 1, or -1 when the problem has no place in the file. */
    public int column() {
        return column;
    }
}
