package dev.holdfast.restoretester;

/**
 * A restorer could not list, restore or read a snapshot at all. The message names the
 * snapshot and the operation.
 */
public class RestoreException extends Exception {
    private final String damagedObject;

    public RestoreException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /**
     * @param damagedObject the storage key of the damaged or missing object that made the
     *     operation fail, or null when the failure is not known to be damage
     */
    public RestoreException(String message, String damagedObject, Throwable cause) {
        super(message, cause);
        this.damagedObject = damagedObject;
    }

    /** Returns the storage key of the damaged or missing object, or null. */
    public String damagedObject() {
        return damagedObject;
    }
}
