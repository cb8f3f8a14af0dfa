package dev.holdfast.repository.index;

/** A blob could not be read: it is missing from the index or its stored copy is damaged. */
public final class BlobReadException extends Exception {
    private final String object;
    private final boolean missing;

    public BlobReadException(String object, boolean missing, String message, Throwable cause) {
        super(message, cause);
        this.object = object;
        this.missing = missing;
    }

    /** The provider key of the pack involved, or null when no pack contains the blob. */
    public String object() {
        return object;
    }

    public boolean missing() {
        return missing;
    }
}
