package dev.holdfast.crypto;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * The 39-byte header in front of every sealed object: version, purpose code, key mode, epoch
 * and the salt from which the object's subkey is derived. It is authenticated as the first part
 * of every part's additional data.
 */
record SealedHeader(Purpose purpose, int epoch, byte[] salt) {
    static final int VERSION = 1;
    static final int KEY_MODE_SYMMETRIC = 1;
    static final int KEY_MODE_RECIPIENT = 2;
    static final int SALT_LENGTH = 32;
    static final int LENGTH = 3 + Integer.BYTES + SALT_LENGTH;

    byte[] encode() {
        return ByteBuffer.allocate(LENGTH)
                .put((byte) VERSION)
                .put((byte) purpose.code())
                .put((byte) KEY_MODE_SYMMETRIC)
                .putInt(epoch)
                .put(salt)
                .array();
    }

    /**
     * Parses the header at {@code offset} and checks that it belongs to an object of
     * {@code expected} purpose that this version can open.
     */
    static SealedHeader parse(byte[] bytes, int offset, Purpose expected)
            throws AuthenticationFailedException {
        if (offset < 0 || bytes.length - offset < LENGTH) {
            throw new AuthenticationFailedException("sealed " + expected.label()
                    + " object is truncated: its header needs " + LENGTH + " bytes at offset "
                    + offset + ", but only " + Math.max(0, bytes.length - offset) + " remain");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, LENGTH);
        int version = Byte.toUnsignedInt(buffer.get());
        int purposeCode = Byte.toUnsignedInt(buffer.get());
        int keyMode = Byte.toUnsignedInt(buffer.get());
        int epoch = buffer.getInt();
        byte[] salt = new byte[SALT_LENGTH];
        buffer.get(salt);
        checkVersion(version, expected);
        checkPurpose(purposeCode, expected);
        checkKeyMode(keyMode, expected);
        return new SealedHeader(expected, epoch, salt);
    }

    private static void checkVersion(int version, Purpose expected)
            throws AuthenticationFailedException {
        if (version != VERSION) {
            throw new AuthenticationFailedException("sealed " + expected.label()
                    + " object has header version " + version + ", but this version of Holdfast"
                    + " reads only version " + VERSION + "; upgrade Holdfast or check the object");
        }
    }

    private static void checkPurpose(int code, Purpose expected)
            throws AuthenticationFailedException {
        if (code == expected.code()) {
            return;
        }
        Purpose actual = Purpose.ofCode(code);
        String actualName = actual == null ? "unknown purpose code " + code : actual.label();
        throw new AuthenticationFailedException("sealed object is a " + actualName
                + " object, but was opened as a " + expected.label()
                + " object; it was stored under the wrong name or swapped");
    }

    private static void checkKeyMode(int keyMode, Purpose expected)
            throws AuthenticationFailedException {
        if (keyMode == KEY_MODE_SYMMETRIC) {
            return;
        }
        String detail = keyMode == KEY_MODE_RECIPIENT
                ? "key mode 2 (recipient public key) is reserved and not supported yet"
                : "key mode " + keyMode + " is unknown";
        throw new AuthenticationFailedException("sealed " + expected.label() + " object cannot"
                + " be opened: " + detail + "; upgrade Holdfast or check the object");
    }

    @Override
    public String toString() {
        return "SealedHeader[" + purpose.label() + ", epoch " + epoch + ", salt "
                + HexFormat.of().formatHex(salt) + "]";
    }
}
