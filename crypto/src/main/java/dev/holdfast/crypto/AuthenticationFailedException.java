package dev.holdfast.crypto;

/**
 * A sealed object or blob failed authentication: it was damaged, swapped or sealed under another
 * key. Also raised for a header this version cannot open, with a message that names the reason.
 */
public final class AuthenticationFailedException extends CryptoException {
    public AuthenticationFailedException(String message) {
        super(message);
    }
}
