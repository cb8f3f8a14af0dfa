package dev.holdfast.repository.objects;

/** A stored object is not what its name or structure promises; the message names the object. */
public final class DamagedObjectException extends Exception {
    private final String objectKey;
    private final String detail;

    public DamagedObjectException(String objectKey, String detail) {
        super("object \"" + objectKey + "\" is damaged: " + detail);
        this.objectKey = objectKey;
        this.detail = detail;
    }

    public DamagedObjectException(String objectKey, String detail, Throwable cause) {
        super("object \"" + objectKey + "\" is damaged: " + detail, cause);
        this.objectKey = objectKey;
        this.detail = detail;
    }

    public String objectKey() {
        return objectKey;
    }

    /** Returns what is wrong with the object, without its key, such as for a report by object. */
    public String detail() {
        return detail;
    }
}
