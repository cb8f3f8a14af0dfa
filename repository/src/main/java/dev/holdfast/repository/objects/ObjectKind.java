package dev.holdfast.repository.objects;

/** The kinds of stored object and the key prefix of each. The prefixes are part of the format. */
public enum ObjectKind {
    /** Packs of blobs, spread over 256 folders by the first two hex digits of the name. */
    PACK("data/"),
    INDEX("index/"),
    SNAPSHOT("snapshots/"),
    KEY("keys/"),
    KEYRING("keyring/"),
    LOCK("locks/"),
    /** Replication records, which supersede the under-replicated mark of a snapshot. */
    REPLICATED("replicated/"),
    /** Deletion records, which forget and undelete snapshots. */
    DELETED("deleted/");

    private final String prefix;

    ObjectKind(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** Returns the provider key of the object named {@code hexName}. */
    public String key(String hexName) {
        if (this == PACK) {
            return prefix + hexName.substring(0, 2) + "/" + hexName;
        }
        return prefix + hexName;
    }

    /** Returns the name part of a provider key of this kind, or null when the key is not one. */
    public String nameOf(String key) {
        if (!key.startsWith(prefix)) {
            return null;
        }
        String name = key.substring(key.lastIndexOf('/') + 1);
        return Hex.isHex(name) ? name : null;
    }
}
