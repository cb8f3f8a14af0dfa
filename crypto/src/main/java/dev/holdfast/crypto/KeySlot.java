package dev.holdfast.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * One way into the repository: the master key wrapped under a key derived from a passphrase.
 * Its encoded form carries a checksum so that a damaged slot is distinguished from a wrong
 * passphrase.
 *
 * <p>The key-encryption key is Argon2id of the passphrase (NFC, UTF-8) and the slot's salt. The
 * master key is wrapped with AES-256-GCM under it, with the slot's header, which includes the
 * repository ID, slot ID and label, as additional data. Immutable and thread-safe.
 */
public final class KeySlot {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] encoded;
    private final KeySlotCodec.Fields fields;
    private final String id;

    private KeySlot(byte[] encoded, KeySlotCodec.Fields fields) {
        this.encoded = encoded;
        this.fields = fields;
        this.id = HexFormat.of().formatHex(fields.slotId());
    }

    /**
     * Wraps {@code masterKey} under a key stretched from {@code passphrase} (normalized to NFC
     * first). The caller keeps and wipes {@code passphrase}.
     *
     * @throws IllegalArgumentException if the passphrase is empty, or the repository ID (1 to
     *     255 bytes) or label (0 to 255 bytes) is too long in UTF-8
     */
    public static KeySlot createWithPassphrase(MasterKey masterKey, char[] passphrase,
            Argon2Parameters parameters, String repositoryId, String label) {
        return createWithPassphrase(masterKey, passphrase, parameters, repositoryId, label,
                KeySlotRole.FULL);
    }

    /**
     * Wraps {@code masterKey} as {@link #createWithPassphrase(MasterKey, char[],
     * Argon2Parameters, String, String)} does, in a slot of the given role.
     */
    public static KeySlot createWithPassphrase(MasterKey masterKey, char[] passphrase,
            Argon2Parameters parameters, String repositoryId, String label, KeySlotRole role) {
        Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return create(masterKey, passphrase, parameters, repositoryId, label, role, RANDOM,
                created);
    }

    /** Creates a full-access slot with salt, slot ID and nonce from {@code random}. */
    static KeySlot create(MasterKey masterKey, char[] passphrase, Argon2Parameters parameters,
            String repositoryId, String label, SecureRandom random, Instant created) {
        return create(masterKey, passphrase, parameters, repositoryId, label, KeySlotRole.FULL,
                random, created);
    }

    /** Creates a slot with salt, slot ID and nonce from {@code random}; tests fix all inputs. */
    static KeySlot create(MasterKey masterKey, char[] passphrase, Argon2Parameters parameters,
            String repositoryId, String label, KeySlotRole role, SecureRandom random,
            Instant created) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(parameters, "parameters");
        if (passphrase.length == 0) {
            throw new IllegalArgumentException("passphrase is empty; choose a non-empty one");
        }
        byte[] slotId = randomBytes(random, KeySlotCodec.SLOT_ID_LENGTH);
        byte[] salt = randomBytes(random, KeySlotCodec.SALT_LENGTH);
        byte[] nonce = randomBytes(random, Aead.NONCE_LENGTH);
        byte[] header = KeySlotCodec.encodeHeader(role,
                slotId, created, repositoryId, label, parameters, salt);
        byte[] kek = PassphraseKdf.deriveKey(passphrase, salt, parameters);
        try {
            byte[] wrapped = wrap(kek, nonce, header, masterKey.bytes());
            return decodeOwn(KeySlotCodec.encode(header, nonce, wrapped));
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
    }

    private static byte[] wrap(byte[] kek, byte[] nonce, byte[] header, byte[] masterKey) {
        try {
            Cipher cipher = Aead.newCipher();
            cipher.init(Cipher.ENCRYPT_MODE, Aead.aesKey(kek),
                    new GCMParameterSpec(Aead.TAG_LENGTH * 8, nonce));
            cipher.updateAAD(header);
            return cipher.doFinal(masterKey);
        } catch (GeneralSecurityException e) {
            throw Aead.unexpected("AES-GCM wrapping of the master key", e);
        }
    }

    private static KeySlot decodeOwn(byte[] encoded) {
        try {
            return decode(encoded);
        } catch (DamagedKeySlotException e) {
            throw new IllegalStateException("a newly encoded key slot does not decode", e);
        }
    }

    /**
     * Parses an encoded slot.
     *
     * @throws DamagedKeySlotException if the magic, checksum, version, kind or structure is
     *     wrong; the message names the problem and contains no secret
     */
    public static KeySlot decode(byte[] encoded) throws DamagedKeySlotException {
        byte[] copy = encoded.clone();
        return new KeySlot(copy, KeySlotCodec.decode(copy));
    }

    /**
     * Unwraps the master key; the passphrase is normalized to NFC first. The caller keeps and
     * wipes {@code passphrase}, so that it can try the same one on several slots.
     *
     * @throws DamagedKeySlotException if the slot belongs to another repository
     * @throws WrongPassphraseException if the passphrase does not open this intact slot
     */
    public MasterKey open(char[] passphrase, String repositoryId)
            throws WrongPassphraseException, DamagedKeySlotException {
        if (!fields.repositoryId().equals(repositoryId)) {
            throw new DamagedKeySlotException("key slot " + id + " belongs to repository "
                    + fields.repositoryId() + ", not to repository " + repositoryId
                    + "; it was copied from another repository and cannot open this one");
        }
        byte[] kek = PassphraseKdf.deriveKey(passphrase, fields.salt(), fields.parameters());
        try {
            return unwrap(kek);
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
    }

    private MasterKey unwrap(byte[] kek) throws WrongPassphraseException {
        byte[] plaintext = null;
        try {
            Cipher cipher = Aead.newCipher();
            cipher.init(Cipher.DECRYPT_MODE, Aead.aesKey(kek),
                    new GCMParameterSpec(Aead.TAG_LENGTH * 8, fields.nonce()));
            cipher.updateAAD(encoded, 0, fields.headerLength());
            plaintext = cipher.doFinal(fields.wrappedKey());
            return MasterKey.fromBytes(plaintext);
        } catch (AEADBadTagException e) {
            throw new WrongPassphraseException("wrong passphrase for key slot " + id);
        } catch (GeneralSecurityException e) {
            throw Aead.unexpected("AES-GCM unwrapping of the master key", e);
        } finally {
            if (plaintext != null) {
                Arrays.fill(plaintext, (byte) 0);
            }
        }
    }

    /** Returns the stored form, a copy. */
    public byte[] encode() {
        return encoded.clone();
    }

    /** Random hex identifier of this slot (32 lowercase digits), also its object name. */
    public String id() {
        return id;
    }

    /** "passphrase", the only kind of this version. */
    public String kind() {
        return "passphrase";
    }

    public String label() {
        return fields.label();
    }

    /** Returns what the slot lets an honest client do; slots of layout version 1 are full. */
    public KeySlotRole role() {
        return fields.role();
    }

    /** Returns the ID of the repository this slot opens. */
    public String repositoryId() {
        return fields.repositoryId();
    }

    /** When the slot was created, to the millisecond. */
    public Instant created() {
        return fields.created();
    }

    public Argon2Parameters parameters() {
        return fields.parameters();
    }

    /** Describes the slot without any secret. */
    @Override
    public String toString() {
        return "KeySlot[" + id + ", " + kind() + ", " + role().label() + ", label \"" + label() + "\", repository "
                + repositoryId() + "]";
    }

    private static byte[] randomBytes(SecureRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
