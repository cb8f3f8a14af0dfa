package dev.holdfast.repository;

/** A repository operation failed; the message names the operation and the object involved. */
public class RepositoryException extends Exception {
    /** Reason for the failure, for callers that map failures to exit codes. */
    public enum Reason {
        GENERAL,
        NOT_FOUND,
        ALREADY_EXISTS,
        WRONG_PASSPHRASE,
        DAMAGED_KEY,
        LOCKED,
        DAMAGED_DATA,
        INTERRUPTED,
        /**
         * The command must delete or forget, but the provider credential or the key slot in
         * use is append-only.
         */
        APPEND_ONLY
    }

    private final Reason reason;

    public RepositoryException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public RepositoryException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
