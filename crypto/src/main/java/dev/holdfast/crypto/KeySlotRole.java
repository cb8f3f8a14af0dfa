package dev.holdfast.crypto;

/**
 * What a key slot lets an honest client do with the repository. The role is part of the slot
 * header, so the passphrase authenticates it. A client that holds the master key can ignore
 * the role, so only the provider credential and object lock stop a hostile one.
 */
public enum KeySlotRole {
    /** Every command, including those that delete or forget. Slots of layout version 1. */
    FULL(1, "full"),
    /** Commands that only add: backup, restore, check, undelete, key add of append-only slots. */
    APPEND_ONLY(2, "append-only");

    private final int code;
    private final String label;

    KeySlotRole(int code, String label) {
        this.code = code;
        this.label = label;
    }

    /** Returns the byte stored in a slot of layout version 2, fixed by the format. */
    public int code() {
        return code;
    }

    /** Returns the name shown to users and in JSON, such as {@code append-only}. */
    public String label() {
        return label;
    }

    /** Returns the role stored as {@code code}, or null when no role has that code. */
    static KeySlotRole fromCode(int code) {
        for (KeySlotRole role : values()) {
            if (role.code == code) {
                return role;
            }
        }
        return null;
    }
}
