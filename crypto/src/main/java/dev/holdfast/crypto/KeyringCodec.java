package dev.holdfast.crypto;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The plaintext layout of a keyring, version 1: version byte, content-ID key, chunker seed,
 * index key, a 32-bit count of data epochs, then each epoch as number, creation time in
 * milliseconds and key. All integers are big-endian.
 */
final class KeyringCodec {
    static final int VERSION = 1;
    private static final int KEY = Keyring.KEY_LENGTH;
    private static final int FIXED_LENGTH = 1 + 3 * KEY + Integer.BYTES;
    private static final int EPOCH_LENGTH = Integer.BYTES + Long.BYTES + KEY;

    private KeyringCodec() {
    }

    /** Returns the plaintext of {@code keyring}; the caller wipes it. */
    static byte[] encode(Keyring keyring) {
        List<Keyring.EpochKey> epochs = keyring.epochKeys();
        ByteBuffer buffer = ByteBuffer.allocate(FIXED_LENGTH + epochs.size() * EPOCH_LENGTH);
        buffer.put((byte) VERSION)
                .put(keyring.contentIdKey())
                .put(keyring.chunkerSeedBytes())
                .put(keyring.indexKey())
                .putInt(epochs.size());
        for (Keyring.EpochKey epoch : epochs) {
            buffer.putInt(epoch.number())
                    .putLong(epoch.created().toEpochMilli())
                    .put(epoch.key());
        }
        return buffer.array();
    }

    /**
     * Parses an authenticated plaintext. A malformed one was written by a faulty or newer
     * program, because a damaged one fails authentication before it gets here.
     */
    static Keyring decode(byte[] plaintext) throws AuthenticationFailedException {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(plaintext);
            int version = Byte.toUnsignedInt(buffer.get());
            if (version != VERSION) {
                throw malformed("its format version is " + version + ", but this version of"
                        + " Holdfast reads only version " + VERSION + "; upgrade Holdfast");
            }
            byte[] contentIdKey = readKey(buffer);
            byte[] chunkerSeed = readKey(buffer);
            byte[] indexKey = readKey(buffer);
            List<Keyring.EpochKey> epochs = readEpochs(buffer, plaintext.length);
            return new Keyring(contentIdKey, chunkerSeed, indexKey, epochs);
        } catch (BufferUnderflowException e) {
            throw malformed("it is truncated at " + plaintext.length + " bytes");
        }
    }

    private static List<Keyring.EpochKey> readEpochs(ByteBuffer buffer, int totalLength)
            throws AuthenticationFailedException {
        long count = Integer.toUnsignedLong(buffer.getInt());
        if (count == 0 || FIXED_LENGTH + count * EPOCH_LENGTH != totalLength) {
            throw malformed("it lists " + count + " data epochs in " + totalLength
                    + " bytes; expected at least one epoch of " + EPOCH_LENGTH + " bytes each");
        }
        List<Keyring.EpochKey> epochs = new ArrayList<>();
        long previous = -1;
        for (long i = 0; i < count; i++) {
            int number = buffer.getInt();
            if (number <= previous) {
                throw malformed("data epoch numbers must increase from 0 to 2^31-1, but "
                        + Integer.toUnsignedString(number) + " follows " + previous);
            }
            previous = number;
            Instant created = Instant.ofEpochMilli(buffer.getLong());
            epochs.add(new Keyring.EpochKey(number, created, readKey(buffer)));
        }
        return epochs;
    }

    private static byte[] readKey(ByteBuffer buffer) {
        byte[] key = new byte[KEY];
        buffer.get(key);
        return key;
    }

    private static AuthenticationFailedException malformed(String detail) {
        return new AuthenticationFailedException("keyring opened, but cannot be read: " + detail);
    }
}
