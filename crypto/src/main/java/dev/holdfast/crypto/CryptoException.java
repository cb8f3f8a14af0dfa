package dev.holdfast.crypto;

/** Base of the checked errors of this package; messages never contain key material. */
public class CryptoException extends Exception {
    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
