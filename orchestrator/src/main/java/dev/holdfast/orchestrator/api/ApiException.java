package dev.holdfast.orchestrator.api;

/** The HTTP API could not start: a certificate is missing or invalid, or the port is taken. */
public final class ApiException extends Exception {
    public ApiException(String message, Throwable cause) {
        super(message, cause);
    }

    public ApiException(String message) {
        super(message);
    }
}
