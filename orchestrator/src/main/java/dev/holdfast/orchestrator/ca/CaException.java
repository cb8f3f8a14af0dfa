package dev.holdfast.orchestrator.ca;

/** A certificate authority could not be created, opened or used. Messages never hold keys. */
public final class CaException extends Exception {
    /** The kind of failure, from which the command line chooses its exit status. */
    public enum Reason {
        /** A file that would be written exists already; nothing was overwritten. */
        EXISTS,
        /** The CA or a file that it needs is missing. */
        NOT_FOUND,
        /** The CA's key is encrypted and no passphrase was given. */
        PASSPHRASE_MISSING,
        /** The passphrase does not decrypt the CA's key. */
        WRONG_PASSPHRASE,
        /** A name, address or validity given for a certificate is invalid. */
        INVALID_REQUEST,
        /** Reading or writing a file failed, or a file does not hold what it should. */
        FAILED
    }

    private final Reason reason;

    public CaException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public CaException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
