package dev.holdfast.crypto;

/** The stored key slot does not match its own checksum or cannot be parsed; no passphrase can open it. */
public final class DamagedKeySlotException extends CryptoException {
    public DamagedKeySlotException(String message) {
        super(message);
    }

    public DamagedKeySlotException(String message, Throwable cause) {
        super(message, cause);
    }
}
