package dev.holdfast.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the parts of one object (a pack's blobs and header, or a whole index or snapshot) under
 * a subkey derived with HKDF from a keyring key and a fresh random 32-byte salt. The part number
 * is the nonce, so a sealer seals each part number at most once: part numbers must increase.
 *
 * <p>Not thread-safe: a sealer keeps one {@link Cipher}. Give each thread its own object.
 */
public final class Sealer {
    /**
     * The part number reserved for the part sealed last, such as a pack's header. No part can
     * be sealed after it, because part numbers must increase.
     */
    public static final long FINAL_PART = Long.MAX_VALUE;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] header;
    private final SecretKeySpec subkey;
    private final Cipher cipher = Aead.newCipher();
    private long lastPart = -1;

    private Sealer(byte[] ikm, Purpose purpose, int epoch, SecureRandom random) {
        byte[] salt = new byte[SealedHeader.SALT_LENGTH];
        random.nextBytes(salt);
        this.header = new SealedHeader(purpose, epoch, salt).encode();
        this.subkey = Aead.deriveSubkey(ikm, salt, purpose);
    }

    /**
     * Starts a new object. Packs, snapshots and locks are sealed under the current data epoch,
     * indexes under the index key.
     *
     * @throws IllegalArgumentException for {@link Purpose#KEYRING}, which {@link Keyring#seal}
     *     seals under the master key
     */
    public static Sealer create(Keyring keyring, Purpose purpose) {
        return create(keyring, purpose, RANDOM);
    }

    /**
     * Starts a new object with a salt drawn from {@code random}. Test vectors pass a seeded
     * source; anything else passes a real {@link SecureRandom}, because two objects with the
     * same salt and key would repeat nonces.
     */
    public static Sealer create(Keyring keyring, Purpose purpose, SecureRandom random) {
        if (purpose == Purpose.KEYRING) {
            throw new IllegalArgumentException(
                    "the keyring is sealed under the master key: use Keyring.seal");
        }
        int epoch = keyring.sealingEpoch(purpose);
        return new Sealer(keyring.sealingKey(purpose, epoch), purpose, epoch, random);
    }

    /** Starts an object sealed under {@code ikm} directly; the keyring uses the master key. */
    static Sealer withKey(byte[] ikm, Purpose purpose, int epoch, SecureRandom random) {
        return new Sealer(ikm, purpose, epoch, random);
    }

    /**
     * Returns the 39-byte header (version, purpose, key mode, epoch, salt) to store with the
     * object, so that {@link Opener} can derive the same subkey.
     */
    public byte[] header() {
        return header.clone();
    }

    /**
     * Seals {@code plaintext[offset, offset + length)} as part {@code part}; output is the
     * ciphertext followed by the 16-byte tag. The additional data (empty, never null) is
     * authenticated but not stored; the opener must pass the same bytes.
     *
     * @throws IllegalArgumentException if {@code part} is negative
     * @throws IllegalStateException if {@code part} is not greater than the last part sealed
     */
    public byte[] seal(long part, byte[] additionalData, byte[] plaintext, int offset,
            int length) {
        Objects.checkFromIndexSize(offset, length, plaintext.length);
        byte[] sealed = new byte[length + Aead.TAG_LENGTH];
        sealInto(part, additionalData, plaintext, offset, length, sealed, 0);
        return sealed;
    }

    /**
     * Seals like {@link #seal} but writes the {@code length + 16} sealed bytes into
     * {@code out} at {@code outOffset}, so that a pack is assembled without a copy per blob.
     *
     * @return the number of bytes written
     */
    public int sealInto(long part, byte[] additionalData, byte[] plaintext, int offset, int length,
            byte[] out, int outOffset) {
        Objects.requireNonNull(additionalData, "additionalData");
        Objects.checkFromIndexSize(offset, length, plaintext.length);
        Objects.checkFromIndexSize(outOffset, length + Aead.TAG_LENGTH, out.length);
        claimPart(part);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, subkey, Aead.nonceForPart(part));
            cipher.updateAAD(header);
            cipher.updateAAD(additionalData);
            return cipher.doFinal(plaintext, offset, length, out, outOffset);
        } catch (GeneralSecurityException e) {
            throw Aead.unexpected("AES-GCM encryption of part " + part, e);
        }
    }

    private void claimPart(long part) {
        if (part < 0) {
            throw new IllegalArgumentException(
                    "part number " + part + " is negative; parts are numbered 0 to 2^63-1");
        }
        if (part <= lastPart) {
            throw new IllegalStateException("part number " + part + " is not greater than the"
                    + " last part sealed (" + lastPart + "); sealing it would repeat a nonce,"
                    + " so start a new Sealer for a new object");
        }
        lastPart = part;
    }

    /** Length of {@link #header()} in bytes, a constant of the format. */
    public static int headerLength() {
        return SealedHeader.LENGTH;
    }

    /** Seals a whole object in one part: header followed by the sealed part 0. */
    public static byte[] sealObject(Keyring keyring, Purpose purpose, byte[] additionalData,
            byte[] plaintext) {
        return create(keyring, purpose).sealWhole(additionalData, plaintext);
    }

    /** Returns the header followed by part 0; used for single-part objects. */
    byte[] sealWhole(byte[] additionalData, byte[] plaintext) {
        byte[] sealedPart = seal(0, additionalData, plaintext, 0, plaintext.length);
        byte[] object = new byte[header.length + sealedPart.length];
        System.arraycopy(header, 0, object, 0, header.length);
        System.arraycopy(sealedPart, 0, object, header.length, sealedPart.length);
        return object;
    }
}
