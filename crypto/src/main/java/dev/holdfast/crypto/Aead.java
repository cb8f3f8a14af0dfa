package dev.holdfast.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KDF;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.HKDFParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM and HKDF-SHA-256 as this format uses them, through the JDK's providers, whose
 * AES-GCM and SHA-256 use the processor's AES and SHA instructions.
 *
 * <p>NOTE: a {@link SecretKeySpec} keeps its own copy of the key and cannot be destroyed
 * (JDK 25 throws DestroyFailedException), so subkeys stay in the heap until collected.
 */
final class Aead {
    static final int KEY_LENGTH = 32;
    static final int NONCE_LENGTH = 12;
    static final int TAG_LENGTH = 16;

    private static final String HKDF_INFO_PREFIX = "holdfast v1 ";

    private Aead() {
    }

    /** Returns a new AES/GCM/NoPadding cipher; each sealer or opener keeps its own. */
    static Cipher newCipher() {
        GcmWarmUp.startOnce();
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK provides no AES/GCM/NoPadding cipher", e);
        }
    }

    /** Wraps a 32-byte key for the JDK cipher, which copies it. */
    static SecretKeySpec aesKey(byte[] key) {
        return new SecretKeySpec(key, "AES");
    }

    /** Returns the nonce of part {@code part}: 4 zero bytes, then the part as unsigned 64 bits. */
    static GCMParameterSpec nonceForPart(long part) {
        byte[] nonce = new byte[NONCE_LENGTH];
        for (int i = 0; i < Long.BYTES; i++) {
            nonce[NONCE_LENGTH - 1 - i] = (byte) (part >>> (8 * i));
        }
        return new GCMParameterSpec(TAG_LENGTH * 8, nonce);
    }

    /**
     * Derives the 32-byte subkey of one sealed object: HKDF-SHA-256 (RFC 5869) with {@code ikm},
     * {@code salt} and the info string "holdfast v1 " followed by the purpose's label.
     */
    static SecretKeySpec deriveSubkey(byte[] ikm, byte[] salt, Purpose purpose) {
        byte[] info = (HKDF_INFO_PREFIX + purpose.label()).getBytes(StandardCharsets.US_ASCII);
        byte[] subkey = null;
        try {
            KDF hkdf = KDF.getInstance("HKDF-SHA256");
            subkey = hkdf.deriveData(HKDFParameterSpec.ofExtract()
                    .addIKM(ikm).addSalt(salt).thenExpand(info, KEY_LENGTH));
            return aesKey(subkey);
        } catch (InvalidAlgorithmParameterException e) {
            throw new IllegalArgumentException("HKDF rejected its input: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK provides no HKDF-SHA256", e);
        } finally {
            if (subkey != null) {
                Arrays.fill(subkey, (byte) 0);
            }
        }
    }

    /** Reports a failure that valid arguments cannot cause, such as an unknown algorithm. */
    static IllegalStateException unexpected(String operation, GeneralSecurityException cause) {
        return new IllegalStateException(operation + " failed unexpectedly: "
                + cause.getClass().getSimpleName(), cause);
    }
}
