package dev.holdfast.crypto;

import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA-256 of plaintext under the repository's content-ID key. Keyed, so that a provider
 * cannot confirm that the repository stores a file it can guess.
 *
 * <p>Not thread-safe: each instance reuses one {@link Mac}, keyed once, so that hashing a small
 * chunk costs no key setup. Get one instance per thread from {@link Keyring#contentIds()}.
 */
public final class ContentIdFunction {
    /** Length of a content ID in bytes. */
    public static final int LENGTH = 32;

    private final Mac mac;

    ContentIdFunction(byte[] key) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw Aead.unexpected("HmacSHA256 set-up", e);
        }
    }

    /** Returns the 32-byte content ID of {@code data[offset, offset + length)}. */
    public byte[] compute(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        mac.update(data, offset, length);
        // doFinal also resets the Mac to its keyed initial state for the next call.
        return mac.doFinal();
    }
}
