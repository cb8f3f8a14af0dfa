package dev.holdfast.repository.pack;

import dev.holdfast.crypto.AuthenticationFailedException;
import dev.holdfast.crypto.Keyring;
import dev.holdfast.crypto.Opener;
import dev.holdfast.crypto.Purpose;
import dev.holdfast.crypto.Sealer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads packs written by {@link PackWriter}. Every failure names what is wrong. */
public final class PackReader {
    private PackReader() {
    }

    /** Parses and authenticates the header of a whole pack and returns its blobs in order. */
    public static List<PackedBlob> readHeader(Keyring keyring, byte[] pack) throws PackFormatException {
        int headerLength = Sealer.headerLength();
        if (pack.length < headerLength + PackWriter.TRAILER) {
            throw new PackFormatException("pack of " + pack.length + " bytes is too short");
        }
        byte[] magic = Arrays.copyOfRange(pack, pack.length - 4, pack.length);
        if (!Arrays.equals(magic, PackWriter.MAGIC)) {
            throw new PackFormatException("pack does not end with the magic HFPK");
        }
        int sealedLength = ByteBuffer.wrap(pack, pack.length - PackWriter.TRAILER, 4).getInt();
        int headerStart = pack.length - PackWriter.TRAILER - sealedLength;
        if (sealedLength < PackWriter.SEAL_OVERHEAD || headerStart < headerLength) {
            throw new PackFormatException("pack header length " + sealedLength + " is out of range");
        }
        byte[] plain;
        try {
            Opener opener = Opener.forHeader(keyring, Purpose.PACK, pack, 0);
            plain = opener.open(PackWriter.HEADER_PART, new byte[0], pack, headerStart, sealedLength);
        } catch (AuthenticationFailedException e) {
            throw new PackFormatException("pack header failed authentication: " + e.getMessage());
        }
        return decodeHeader(plain, headerLength, headerStart);
    }

    static List<PackedBlob> decodeHeader(byte[] plain, int firstOffset, int headerStart)
            throws PackFormatException {
        ByteBuffer buffer = ByteBuffer.wrap(plain);
        if (plain.length < 4) {
            throw new PackFormatException("pack header is empty");
        }
        int count = buffer.getInt();
        if (count < 0 || (long) count * PackWriter.ENTRY != plain.length - 4) {
            throw new PackFormatException("pack header claims " + count + " blobs in " + plain.length + " bytes");
        }
        List<PackedBlob> blobs = new ArrayList<>(count);
        long offset = firstOffset;
        byte[] id = new byte[BlobId.LENGTH];
        for (int i = 0; i < count; i++) {
            BlobType type = typeOf(buffer.get());
            buffer.get(id);
            int sealedLength = buffer.getInt();
            int plainLength = buffer.getInt();
            if (sealedLength < PackWriter.SEAL_OVERHEAD || plainLength < 0
                    || offset + sealedLength > headerStart) {
                throw new PackFormatException("pack header entry " + i + " lies outside the pack");
            }
            blobs.add(new PackedBlob(type, BlobId.of(id), (int) offset, sealedLength, plainLength));
            offset += sealedLength;
        }
        if (offset != headerStart) {
            throw new PackFormatException("pack blobs end at " + offset + " but the header starts at "
                    + headerStart);
        }
        return blobs;
    }

    private static BlobType typeOf(byte code) throws PackFormatException {
        try {
            return BlobType.fromCode(code);
        } catch (IllegalArgumentException e) {
            throw new PackFormatException(e.getMessage());
        }
    }

    /**
     * Opens one sealed blob and returns its plaintext. The caller checks the plaintext against
     * the blob ID with the content-ID function.
     *
     * @param sealerHeader the first bytes of the pack (see {@link FinishedPack#sealerHeader})
     * @param sealed buffer holding the sealed blob at {@code offset}
     */
    public static byte[] openBlob(Keyring keyring, byte[] sealerHeader, PackedBlob blob, byte[] sealed,
            int offset) throws PackFormatException {
        return openBlob(opener(keyring, sealerHeader), blob, sealed, offset);
    }

    /** Returns the opener of a pack's blobs; reusing it saves a key derivation per blob. */
    public static Opener opener(Keyring keyring, byte[] sealerHeader) throws PackFormatException {
        try {
            return Opener.forHeader(keyring, Purpose.PACK, sealerHeader, 0);
        } catch (AuthenticationFailedException e) {
            throw new PackFormatException("pack header failed authentication: " + e.getMessage());
        }
    }

    /** Opens one sealed blob with an opener from {@link #opener}. Not thread-safe per opener. */
    public static byte[] openBlob(Opener opener, PackedBlob blob, byte[] sealed, int offset)
            throws PackFormatException {
        try {
            byte[] frame = opener.open(blob.offset(), PackWriter.additionalData(blob.type(), blob.id()),
                    sealed, offset, blob.sealedLength());
            return BlobFrame.decode(frame, blob.plainLength());
        } catch (AuthenticationFailedException e) {
            throw new PackFormatException("blob " + blob.id().hex() + " failed authentication: "
                    + e.getMessage());
        } catch (BlobFrame.FrameException e) {
            throw new PackFormatException("blob " + blob.id().hex() + ": " + e.getMessage());
        }
    }

    /** A pack or blob whose bytes are not a valid, authentic part of the format. */
    public static final class PackFormatException extends Exception {
        public PackFormatException(String message) {
            super(message);
        }
    }
}
