package dev.holdfast.orchestrator.database;

import java.io.IOException;

/**
 * A failure to talk to a database server or to run one of its client tools. It extends
 * {@link IOException} because dump streams, which throw it from {@code open} and {@code
 * close}, are read as input streams. Messages never contain a password.
 */
public class DatabaseException extends IOException {
    public DatabaseException(String message) {
        super(message);
    }

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
