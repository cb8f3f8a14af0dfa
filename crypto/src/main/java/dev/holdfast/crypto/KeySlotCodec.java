package dev.holdfast.crypto;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The binary layout of a key slot, versions 1 and 2. The header (magic through salt) is the
 * additional data of the wrapped key. The nonce, the wrapped key and a SHA-256 checksum of all
 * preceding bytes follow it. In every version the checksum is the last 32 bytes. Version 2
 * adds a role byte after the kind; version 1 slots have the full role, and writers keep
 * writing version 1 for them so that older readers still open full slots.
 */
final class KeySlotCodec {
    static final byte[] MAGIC = {'H', 'F', 'K', 'S'};
    static final int VERSION = 1;
    /** The layout with a role byte, written only for roles other than full. */
    static final int VERSION_WITH_ROLE = 2;
    static final int KIND_PASSPHRASE = 1;
    static final int SLOT_ID_LENGTH = 16;
    static final int SALT_LENGTH = 32;
    static final int WRAPPED_LENGTH = MasterKey.LENGTH + Aead.TAG_LENGTH;
    static final int CHECKSUM_LENGTH = 32;
    static final int MAX_TEXT_LENGTH = 255;

    /** The fields of a slot; {@code headerLength} bytes from the start are the header. */
    record Fields(KeySlotRole role, byte[] slotId, Instant created, String repositoryId,
            String label, Argon2Parameters parameters, byte[] salt, byte[] nonce,
            byte[] wrappedKey, int headerLength) {
    }

    private KeySlotCodec() {
    }

    /** Returns magic through salt: the additional data under which the master key is wrapped. */
    static byte[] encodeHeader(KeySlotRole role, byte[] slotId, Instant created,
            String repositoryId, String label, Argon2Parameters parameters, byte[] salt) {
        byte[] repository = textBytes("repository ID", repositoryId);
        byte[] labelBytes = textBytes("label", label);
        if (repository.length == 0) {
            throw new IllegalArgumentException("repository ID is empty");
        }
        boolean withRole = role != KeySlotRole.FULL;
        int length = 4 + 2 + (withRole ? 1 : 0) + SLOT_ID_LENGTH + Long.BYTES + 1
                + repository.length + 1 + labelBytes.length + 3 * Integer.BYTES + SALT_LENGTH;
        ByteBuffer buffer = ByteBuffer.allocate(length).put(MAGIC)
                .put((byte) (withRole ? VERSION_WITH_ROLE : VERSION)).put((byte) KIND_PASSPHRASE);
        if (withRole) {
            buffer.put((byte) role.code());
        }
        return buffer.put(slotId).putLong(created.toEpochMilli())
                .put((byte) repository.length).put(repository)
                .put((byte) labelBytes.length).put(labelBytes)
                .putInt(parameters.memoryKiB()).putInt(parameters.iterations())
                .putInt(parameters.parallelism())
                .put(salt)
                .array();
    }

    /** Appends nonce, wrapped key and checksum to {@code header}. */
    static byte[] encode(byte[] header, byte[] nonce, byte[] wrappedKey) {
        ByteBuffer buffer = ByteBuffer.allocate(
                header.length + nonce.length + wrappedKey.length + CHECKSUM_LENGTH);
        buffer.put(header).put(nonce).put(wrappedKey);
        buffer.put(sha256(buffer.array(), buffer.position()));
        return buffer.array();
    }

    private static byte[] textBytes(String name, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException(name + " is " + bytes.length
                    + " bytes in UTF-8, more than the maximum of " + MAX_TEXT_LENGTH);
        }
        return bytes;
    }

    /** Checks magic, checksum, version and structure, then returns the fields. */
    static Fields decode(byte[] encoded) throws DamagedKeySlotException {
        checkMagicAndChecksum(encoded);
        ByteBuffer buffer = ByteBuffer.wrap(encoded, 0, encoded.length - CHECKSUM_LENGTH);
        buffer.position(MAGIC.length);
        try {
            int version = checkVersionAndKind(buffer);
            KeySlotRole role = version == VERSION ? KeySlotRole.FULL : readRole(buffer);
            return readFields(role, buffer);
        } catch (BufferUnderflowException e) {
            throw new DamagedKeySlotException("key slot is truncated: its " + encoded.length
                    + " bytes end inside a field");
        }
    }

    private static void checkMagicAndChecksum(byte[] encoded) throws DamagedKeySlotException {
        if (encoded.length < MAGIC.length + CHECKSUM_LENGTH) {
            throw new DamagedKeySlotException("key slot is " + encoded.length
                    + " bytes, too short to hold a header and checksum");
        }
        if (!Arrays.equals(encoded, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new DamagedKeySlotException("data is not a Holdfast key slot: it starts with "
                    + HexFormat.of().formatHex(encoded, 0, MAGIC.length)
                    + " instead of 48464b53 (\"HFKS\")");
        }
        int bodyLength = encoded.length - CHECKSUM_LENGTH;
        byte[] expected = sha256(encoded, bodyLength);
        if (!Arrays.equals(expected, 0, CHECKSUM_LENGTH, encoded, bodyLength, encoded.length)) {
            throw new DamagedKeySlotException("key slot is damaged: its SHA-256 checksum does"
                    + " not match its " + bodyLength + " bytes; restore the slot from another"
                    + " copy or open the repository with another key");
        }
    }

    /** Checks the version and kind bytes and returns the version. */
    private static int checkVersionAndKind(ByteBuffer buffer) throws DamagedKeySlotException {
        int version = Byte.toUnsignedInt(buffer.get());
        if (version != VERSION && version != VERSION_WITH_ROLE) {
            throw new DamagedKeySlotException("key slot format version " + version
                    + " is not supported; this version of Holdfast reads versions " + VERSION
                    + " and " + VERSION_WITH_ROLE + ", so upgrade Holdfast");
        }
        int kind = Byte.toUnsignedInt(buffer.get());
        if (kind != KIND_PASSPHRASE) {
            throw new DamagedKeySlotException("key slot kind " + kind + " is not supported;"
                    + " this version of Holdfast opens only passphrase slots (kind 1)");
        }
        return version;
    }

    private static KeySlotRole readRole(ByteBuffer buffer) throws DamagedKeySlotException {
        int code = Byte.toUnsignedInt(buffer.get());
        KeySlotRole role = KeySlotRole.fromCode(code);
        if (role == null) {
            throw new DamagedKeySlotException("key slot role " + code + " is not supported;"
                    + " this version of Holdfast knows roles 1 (full) and 2 (append-only),"
                    + " so upgrade Holdfast");
        }
        return role;
    }

    private static Fields readFields(KeySlotRole role, ByteBuffer buffer)
            throws DamagedKeySlotException {
        byte[] slotId = readBytes(buffer, SLOT_ID_LENGTH);
        Instant created = Instant.ofEpochMilli(buffer.getLong());
        String repositoryId = readText(buffer, "repository ID");
        if (repositoryId.isEmpty()) {
            throw new DamagedKeySlotException("key slot has an empty repository ID");
        }
        String label = readText(buffer, "label");
        Argon2Parameters parameters = readParameters(buffer);
        byte[] salt = readBytes(buffer, SALT_LENGTH);
        int headerLength = buffer.position();
        byte[] nonce = readBytes(buffer, Aead.NONCE_LENGTH);
        byte[] wrappedKey = readBytes(buffer, WRAPPED_LENGTH);
        if (buffer.hasRemaining()) {
            throw new DamagedKeySlotException("key slot has " + buffer.remaining()
                    + " unexpected bytes between the wrapped key and the checksum");
        }
        return new Fields(role, slotId, created, repositoryId, label, parameters, salt, nonce,
                wrappedKey, headerLength);
    }

    private static Argon2Parameters readParameters(ByteBuffer buffer)
            throws DamagedKeySlotException {
        int memoryKiB = buffer.getInt();
        int iterations = buffer.getInt();
        int parallelism = buffer.getInt();
        try {
            return Argon2Parameters.ofStoredValues(memoryKiB, iterations, parallelism);
        } catch (IllegalArgumentException e) {
            throw new DamagedKeySlotException("key slot has invalid Argon2id parameters: "
                    + e.getMessage(), e);
        }
    }

    private static String readText(ByteBuffer buffer, String name) throws DamagedKeySlotException {
        byte[] bytes = readBytes(buffer, Byte.toUnsignedInt(buffer.get()));
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DamagedKeySlotException("key slot " + name + " is not valid UTF-8", e);
        }
    }

    private static byte[] readBytes(ByteBuffer buffer, int length) {
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return bytes;
    }

    static byte[] sha256(byte[] bytes, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, 0, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw Aead.unexpected("SHA-256 set-up", e);
        }
    }
}
