package dev.holdfast.repository.index;

import dev.holdfast.crypto.AuthenticationFailedException;
import dev.holdfast.crypto.Keyring;
import dev.holdfast.crypto.Opener;
import dev.holdfast.crypto.Purpose;
import dev.holdfast.crypto.Sealer;
import dev.holdfast.repository.objects.Hex;
import dev.holdfast.repository.pack.BlobId;
import dev.holdfast.repository.pack.BlobType;
import dev.holdfast.repository.pack.PackedBlob;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes index files. Plaintext layout (all integers big-endian): magic
 * {@code HFIX}, version byte 1, u32 pack count; per pack its 32-byte name, u16 length and bytes
 * of its sealer header, u32 blob count and per blob: type byte, 32-byte ID, u32 offset, u32
 * sealed length, u32 plain length. The plaintext is sealed as one object with purpose index.
 */
public final class IndexFile {
    private static final byte[] MAGIC = {'H', 'F', 'I', 'X'};
    private static final int VERSION = 1;
    private static final int BLOB_ENTRY = 1 + BlobId.LENGTH + 12;

    private IndexFile() {
    }

    public static byte[] seal(Keyring keyring, List<IndexedPack> packs) {
        return Sealer.sealObject(keyring, Purpose.INDEX, new byte[0], encode(packs));
    }

    public static List<IndexedPack> open(Keyring keyring, byte[] sealed) throws IndexFormatException {
        byte[] plain;
        try {
            plain = Opener.openObject(keyring, Purpose.INDEX, new byte[0], sealed);
        } catch (AuthenticationFailedException e) {
            throw new IndexFormatException("index failed authentication: " + e.getMessage());
        }
        return decode(plain);
    }

    static byte[] encode(List<IndexedPack> packs) {
        int size = MAGIC.length + 1 + 4;
        for (IndexedPack pack : packs) {
            size += 32 + 2 + pack.sealerHeader().length + 4 + pack.blobs().size() * BLOB_ENTRY;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.put(MAGIC).put((byte) VERSION).putInt(packs.size());
        for (IndexedPack pack : packs) {
            buffer.put(Hex.decode(pack.name()));
            buffer.putShort((short) pack.sealerHeader().length).put(pack.sealerHeader());
            buffer.putInt(pack.blobs().size());
            for (PackedBlob blob : pack.blobs()) {
                buffer.put((byte) blob.type().code()).put(blob.id().toBytes());
                buffer.putInt(blob.offset()).putInt(blob.sealedLength()).putInt(blob.plainLength());
            }
        }
        return buffer.array();
    }

    /** Decodes index plaintext; every count and length is checked against the bytes present. */
    public static List<IndexedPack> decode(byte[] plain) throws IndexFormatException {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(plain);
            byte[] magic = new byte[MAGIC.length];
            buffer.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC) || buffer.get() != VERSION) {
                throw new IndexFormatException("index does not start with HFIX version 1");
            }
            int packCount = checkedCount(buffer, buffer.getInt(), 32 + 2 + 4);
            List<IndexedPack> packs = new ArrayList<>(packCount);
            for (int p = 0; p < packCount; p++) {
                packs.add(decodePack(buffer));
            }
            if (buffer.hasRemaining()) {
                throw new IndexFormatException("index has " + buffer.remaining() + " trailing bytes");
            }
            return packs;
        } catch (BufferUnderflowException e) {
            throw new IndexFormatException("index ends early");
        }
    }

    private static IndexedPack decodePack(ByteBuffer buffer) throws IndexFormatException {
        byte[] name = new byte[32];
        buffer.get(name);
        int headerLength = Short.toUnsignedInt(buffer.getShort());
        byte[] sealerHeader = new byte[checkedCount(buffer, headerLength, 1)];
        buffer.get(sealerHeader);
        int blobCount = checkedCount(buffer, buffer.getInt(), BLOB_ENTRY);
        PackedBlobs blobs = new PackedBlobs(blobCount);
        byte[] id = new byte[BlobId.LENGTH];
        for (int b = 0; b < blobCount; b++) {
            BlobType type = typeOf(buffer.get());
            buffer.get(id);
            int offset = buffer.getInt();
            int sealedLength = buffer.getInt();
            int plainLength = buffer.getInt();
            if (offset < 0 || sealedLength < 0 || plainLength < 0) {
                throw new IndexFormatException("index entry has a negative offset or length");
            }
            blobs.add(type, id, offset, sealedLength, plainLength);
        }
        return new IndexedPack(Hex.encode(name), sealerHeader, blobs);
    }

    private static int checkedCount(ByteBuffer buffer, int count, int minBytesEach) throws IndexFormatException {
        if (count < 0 || (long) count * minBytesEach > buffer.remaining()) {
            throw new IndexFormatException("index count " + Integer.toUnsignedString(count)
                    + " exceeds the bytes left");
        }
        return count;
    }

    private static BlobType typeOf(byte code) throws IndexFormatException {
        try {
            return BlobType.fromCode(code);
        } catch (IllegalArgumentException e) {
            throw new IndexFormatException(e.getMessage());
        }
    }

    /** Index bytes that are not a valid, authentic index. */
    public static final class IndexFormatException extends Exception {
        public IndexFormatException(String message) {
            super(message);
        }
    }
}
