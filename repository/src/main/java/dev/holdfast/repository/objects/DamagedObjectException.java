package dev.holdfast.repository.objects;

/** A stored object is not what its name or structure promises; the message names the object. */
public final class DamagedObjectException extends Exception {
    private final String objectKey;

    public DamagedObjectException(String objectKey, String detail) {
        super("object \"" + objectKey + "\" is damaged: " + detail);
        this.objectKey = objectKey;
    }

    public DamagedObjectException(String objectKey, String detail, Throwable cause) {
        super("object \"" + objectKey + "\" is damaged: " + detail, cause);
        this.objectKey = objectKey;
    }

    public String objectKey() {
        return objectKey;
    }
}
