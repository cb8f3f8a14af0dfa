package dev.holdfast.crypto;

/**
 * The kind of a sealed object, bound into its key derivation and additional data so that an object
 * of one purpose never opens as another. The labels and codes are part of the format and never
 * change; enum order does not matter.
 */
public enum Purpose {
    PACK("pack", 1),
    INDEX("index", 2),
    SNAPSHOT("snapshot", 3),
    LOCK("lock", 4),
    KEYRING("keyring", 5),
    CONFIG("config", 6);

    private final String label;
    private final int code;

    Purpose(String label, int code) {
        this.label = label;
        this.code = code;
    }

    public String label() {
        return label;
    }

    /** Returns the number stored in the header of a sealed object. */
    int code() {
        return code;
    }

    /** Returns the purpose stored as {@code code}, or null if the code is unknown. */
    static Purpose ofCode(int code) {
        for (Purpose purpose : values()) {
            if (purpose.code == code) {
                return purpose;
            }
        }
        return null;
    }

    /** Returns whether objects of this purpose are sealed under a data epoch's key. */
    boolean usesDataEpoch() {
        return this == PACK || this == SNAPSHOT || this == LOCK;
    }
}
