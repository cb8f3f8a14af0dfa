package dev.holdfast.crypto;

/** A sealed object or blob failed authentication: it was damaged, swapped or sealed under another key. */
public final class AuthenticationFailedException extends CryptoException {
    public AuthenticationFailedException(String message) {
        super(message);
    }
}
