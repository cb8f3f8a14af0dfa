package dev.holdfast.crypto;

/**
 * The stored key slot does not match its own checksum, cannot be parsed, or belongs to another
 * repository. No passphrase can open it.
 */
public final class DamagedKeySlotException extends CryptoException {
    public DamagedKeySlotException(String message) {
        super(message);
    }

    public DamagedKeySlotException(String message, Throwable cause) {
        super(message, cause);
    }
}
