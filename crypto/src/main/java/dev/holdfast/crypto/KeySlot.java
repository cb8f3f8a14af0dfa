package dev.holdfast.crypto;

import java.time.Instant;

/**
 * One way into the repository: the master key wrapped under a key derived from a passphrase.
 * Its encoded form carries a checksum so that a damaged slot is told apart from a wrong
 * passphrase.
 */
public final class KeySlot {
    /** Wraps {@code masterKey} under a key stretched from {@code passphrase} (normalized to NFC first). */
    public static KeySlot createWithPassphrase(MasterKey masterKey, char[] passphrase,
            Argon2Parameters parameters, String repositoryId, String label) {
        throw new UnsupportedOperationException("stub");
    }

    /** Parses an encoded slot; throws when the checksum or structure is wrong. */
    public static KeySlot decode(byte[] encoded) throws DamagedKeySlotException {
        throw new UnsupportedOperationException("stub");
    }

    /** Unwraps the master key; the passphrase is normalized to NFC first. */
    public MasterKey open(char[] passphrase, String repositoryId)
            throws WrongPassphraseException, DamagedKeySlotException {
        throw new UnsupportedOperationException("stub");
    }

    public byte[] encode() {
        throw new UnsupportedOperationException("stub");
    }

    /** Random hex identifier of this slot, also its object name. */
    public String id() {
        throw new UnsupportedOperationException("stub");
    }

    public String kind() {
        throw new UnsupportedOperationException("stub");
    }

    public String label() {
        throw new UnsupportedOperationException("stub");
    }

    public Instant created() {
        throw new UnsupportedOperationException("stub");
    }

    public Argon2Parameters parameters() {
        throw new UnsupportedOperationException("stub");
    }
}
