package dev.holdfast.crypto;

/**
 * What a sealed object is, bound into its key derivation and additional data so that an object
 * of one purpose never opens as another. The labels are part of the format.
 */
public enum Purpose {
    PACK("pack"),
    INDEX("index"),
    SNAPSHOT("snapshot"),
    LOCK("lock"),
    KEYRING("keyring"),
    CONFIG("config");

    private final String label;

    Purpose(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
