package dev.holdfast.storage;

import java.io.IOException;

/** A failed provider operation, naming the provider, the operation and the key. */
public class StorageException extends IOException {
    /** How a caller should react. */
    public enum Kind {
        /** Worth retrying: timeouts, throttling, connection resets, server errors. */
        TRANSIENT,
        /** Retrying the same request will fail again: permissions, bad configuration, full disk. */
        PERMANENT,
        /** The object does not exist. */
        NOT_FOUND
    }

    private final Kind kind;
    private final String provider;
    private final String key;

    public StorageException(Kind kind, String provider, String operation, String key, String detail,
            Throwable cause) {
        super("provider \"" + provider + "\": " + operation + " \"" + key + "\" failed: " + detail, cause);
        this.kind = kind;
        this.provider = provider;
        this.key = key;
    }

    public Kind kind() {
        return kind;
    }

    public String provider() {
        return provider;
    }

    public String key() {
        return key;
    }

    public boolean isTransient() {
        return kind == Kind.TRANSIENT;
    }
}
