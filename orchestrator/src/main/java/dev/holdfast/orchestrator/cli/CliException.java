package dev.holdfast.orchestrator.cli;

/**
 * A failure the user can act on, with the exit status to report. The message is printed as
 * is, on one line, so it names the value involved and what to do next.
 */
final class CliException extends Exception {
    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
