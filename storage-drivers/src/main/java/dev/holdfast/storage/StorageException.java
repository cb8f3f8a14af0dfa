package dev.holdfast.storage;

import java.io.IOException;

/** A failed provider operation, naming the provider, the operation and the key. */
public class StorageException extends IOException {
    /** Class of failure, which decides whether a caller retries. */
    public enum Kind {
        /** Worth retrying: timeouts, throttling, connection resets, server errors. */
        TRANSIENT,
        /** Retrying the same request will fail again: permissions, bad configuration, full disk. */
        PERMANENT,
        /** The object does not exist. */
        NOT_FOUND,
        /** The provider returned bytes that failed a {@link ContentCheck}: a corrupt copy. */
        DAMAGED
    }

    private final Kind kind;
    private final String provider;
    private final String operation;
    private final String key;
    private final String detail;

    public StorageException(Kind kind, String provider, String operation, String key, String detail,
            Throwable cause) {
        super("provider \"" + provider + "\": " + operation + " \"" + key + "\" failed: " + detail, cause);
        this.kind = kind;
        this.provider = provider;
        this.operation = operation;
        this.key = key;
        this.detail = detail;
    }

    /** Creates an exception that has no underlying cause. */
    public StorageException(Kind kind, String provider, String operation, String key,
            String detail) {
        this(kind, provider, operation, key, detail, null);
    }

    public Kind kind() {
        return kind;
    }

    public String provider() {
        return provider;
    }

    /** Returns the failed operation, such as "get" or "put". */
    public String operation() {
        return operation;
    }

    public String key() {
        return key;
    }

    /** Returns the reason alone, without the provider, operation and key of the message. */
    public String detail() {
        return detail;
    }

    public boolean isTransient() {
        return kind == Kind.TRANSIENT;
    }
}
