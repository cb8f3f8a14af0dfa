package dev.holdfast.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opens parts sealed by a {@link Sealer}, given the header that the sealer produced. Parts may
 * be opened in any order and more than once. Nothing is returned unless the part's tag
 * verifies, so damaged plaintext never reaches the caller.
 *
 * <p>Not thread-safe: an opener keeps one {@link Cipher}. Give each thread its own object.
 */
public final class Opener {
    private final SealedHeader parsed;
    private final byte[] header;
    private final SecretKeySpec subkey;
    private final Cipher cipher = Aead.newCipher();

    private Opener(SealedHeader parsed, byte[] header, int offset, byte[] ikm) {
        this.parsed = parsed;
        this.header = Arrays.copyOfRange(header, offset, offset + SealedHeader.LENGTH);
        this.subkey = Aead.deriveSubkey(ikm, parsed.salt(), parsed.purpose());
    }

    /**
     * Reads the header at {@code offset} and derives the object's subkey.
     *
     * @throws AuthenticationFailedException if the header is truncated, has another purpose,
     *     an unsupported version or key mode, or names a data epoch the keyring does not have
     */
    public static Opener forHeader(Keyring keyring, Purpose purpose, byte[] header, int offset)
            throws AuthenticationFailedException {
        if (purpose == Purpose.KEYRING) {
            throw new IllegalArgumentException(
                    "the keyring is sealed under the master key: use Keyring.open");
        }
        SealedHeader parsed = SealedHeader.parse(header, offset, purpose);
        return new Opener(parsed, header, offset, keyring.openingKey(purpose, parsed.epoch()));
    }

    /** Reads a header whose subkey derives from {@code ikm} directly, as the keyring's does. */
    static Opener withKey(byte[] ikm, Purpose purpose, byte[] header, int offset, int epoch)
            throws AuthenticationFailedException {
        SealedHeader parsed = SealedHeader.parse(header, offset, purpose);
        if (parsed.epoch() != epoch) {
            throw new AuthenticationFailedException("sealed " + purpose.label()
                    + " object names epoch "
                    + Integer.toUnsignedString(parsed.epoch()) + ", but must name " + epoch);
        }
        return new Opener(parsed, header, offset, ikm);
    }

    /**
     * Opens part {@code part} from {@code sealed[offset, offset + length)}, ciphertext followed
     * by its tag, with the same additional data (empty, never null) it was sealed with.
     *
     * @throws AuthenticationFailedException if the tag does not verify: the bytes were damaged,
     *     swapped with another part or object, or sealed under another key or additional data
     */
    public byte[] open(long part, byte[] additionalData, byte[] sealed, int offset, int length)
            throws AuthenticationFailedException {
        Objects.requireNonNull(additionalData, "additionalData");
        Objects.checkFromIndexSize(offset, length, sealed.length);
        if (part < 0) {
            throw new IllegalArgumentException(
                    "part number " + part + " is negative; parts are numbered 0 to 2^63-1");
        }
        if (length < Aead.TAG_LENGTH) {
            throw new AuthenticationFailedException(describe(part) + " is " + length
                    + " bytes, shorter than its " + Aead.TAG_LENGTH + "-byte tag");
        }
        try {
            cipher.init(Cipher.DECRYPT_MODE, subkey, Aead.nonceForPart(part));
            cipher.updateAAD(header);
            cipher.updateAAD(additionalData);
            return cipher.doFinal(sealed, offset, length);
        } catch (AEADBadTagException e) {
            throw new AuthenticationFailedException(describe(part) + " failed authentication:"
                    + " it was damaged, swapped, or sealed under another key or additional data");
        } catch (GeneralSecurityException e) {
            throw Aead.unexpected("AES-GCM decryption of part " + part, e);
        }
    }

    private String describe(long part) {
        return "part " + part + " of a " + parsed.purpose().label() + " object (epoch "
                + parsed.epoch() + ")";
    }

    /**
     * Opens an object written by {@link Sealer#sealObject}.
     *
     * @throws AuthenticationFailedException as {@link #forHeader} and {@link #open} do
     */
    public static byte[] openObject(Keyring keyring, Purpose purpose, byte[] additionalData,
            byte[] sealed) throws AuthenticationFailedException {
        Opener opener = forHeader(keyring, purpose, sealed, 0);
        return opener.openWhole(additionalData, sealed);
    }

    /** Opens part 0, which follows the header in a single-part object. */
    byte[] openWhole(byte[] additionalData, byte[] sealed) throws AuthenticationFailedException {
        int bodyOffset = SealedHeader.LENGTH;
        return open(0, additionalData, sealed, bodyOffset, sealed.length - bodyOffset);
    }
}
