package dev.holdfast.crypto;

/** The slot is intact, but the passphrase given does not open it. */
public final class WrongPassphraseException extends CryptoException {
    public WrongPassphraseException(String message) {
        super(message);
    }
}
