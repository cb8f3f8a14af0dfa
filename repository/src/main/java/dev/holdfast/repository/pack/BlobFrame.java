package dev.holdfast.repository.pack;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The plaintext layout of a blob before sealing: a flag byte (0 stored, 1 zstd), the payload
 * length as u32 big-endian, the payload, then zero bytes up to the Padmé length of the whole
 * frame. A frame is built by one thread at a time; each worker keeps its own instance.
 */
public final class BlobFrame {
    static final int STORED = 0;
    static final int ZSTD = 1;
    static final int HEADER = 5;

    /**
     * The maximum number of plaintext bytes that one byte of a zstd payload decodes to. The
     * densest zstd block is an RLE block: a 3-byte block header and 1 byte that repeat up to
     * 128 KiB (RFC 8878, section 3.1.1.2), so every 4 payload bytes yield at most 128 KiB.
     */
    private static final long MAX_ZSTD_EXPANSION = 128 * 1024 / 4;

    /** Compressed output must save at least this share, or the chunk is stored as it is. */
    private static final double MIN_SAVING = 0.03;
    /** Largest reused compression output: twice the default average chunk and a margin. */
    private static final int SCRATCH_LIMIT = 2 * 1024 * 1024 + 64 * 1024;

    private final int level;
    private final ZstdCompressCtx context;
    /**
     * Compression output, reused from blob to blob. A new array per blob made up 30% of a
     * backup's allocations, and the extra collections moved the blobs that wait for their pack
     * into the old generation early.
     */
    private byte[] scratch = new byte[0];

    /** @param level zstd level; 0 stores every chunk uncompressed */
    public BlobFrame(int level) {
        this.level = level;
        if (level > 0) {
            context = new ZstdCompressCtx();
            context.setLevel(level);
        } else {
            context = null;
        }
    }

    /** Returns the padded frame holding {@code length} bytes of {@code data} from {@code offset}. */
    public byte[] encode(byte[] data, int offset, int length) {
        Encoded encoded = prepare(data, offset, length);
        byte[] frame = new byte[encoded.frameLength()];
        encoded.writeTo(frame, 0);
        return frame;
    }

    /**
     * Compresses {@code length} bytes of {@code data} from {@code offset} and returns the frame
     * without building it, so that a pack writer copies it straight into its buffer. The
     * result refers to this object's compression output, and to {@code data} when stored
     * uncompressed: it is valid until the next call on this object or a change of {@code data}.
     */
    public Encoded prepare(byte[] data, int offset, int length) {
        if (context != null && length > 64) {
            int bound = (int) Zstd.compressBound(length);
            byte[] output = scratch;
            if (output.length < bound) {
                output = new byte[bound];
                // Kept only up to the size of typical chunks, so a rare long chunk does not pin
                // megabytes per worker for the rest of the backup.
                if (bound <= SCRATCH_LIMIT) {
                    scratch = output;
                }
            }
            int size = context.compressByteArray(output, 0, bound, data, offset, length);
            if (size < length * (1 - MIN_SAVING)) {
                return new Encoded(ZSTD, output, 0, size);
            }
        }
        return new Encoded(STORED, data, offset, length);
    }

    /**
     * A frame not yet laid out: its flag and {@code length} payload bytes of {@code payload}
     * from {@code offset}.
     */
    public record Encoded(int flag, byte[] payload, int offset, int length) {
        /** Returns the length of the frame, payload and padding included. */
        public int frameLength() {
            return Math.toIntExact(Padding.padme(HEADER + (long) length));
        }

        /** Writes the whole frame, its padding zeroed, into {@code out} at {@code at}. */
        public void writeTo(byte[] out, int at) {
            int end = at + frameLength();
            out[at] = (byte) flag;
            ByteBuffer.wrap(out, at + 1, 4).putInt(length);
            System.arraycopy(payload, offset, out, at + HEADER, length);
            Arrays.fill(out, at + HEADER + length, end, (byte) 0);
        }
    }

    /**
     * Returns the plaintext of a frame, checking its structure and that it has {@code plainLength}
     * bytes.
     */
    public static byte[] decode(byte[] frame, int plainLength) throws FrameException {
        if (frame.length < HEADER) {
            throw new FrameException("blob frame of " + frame.length + " bytes is shorter than its header");
        }
        int payloadLength = ByteBuffer.wrap(frame, 1, 4).getInt();
        if (payloadLength < 0 || payloadLength > frame.length - HEADER) {
            throw new FrameException("blob frame claims " + payloadLength + " payload bytes in "
                    + frame.length);
        }
        byte[] plain = switch (frame[0]) {
            case STORED -> Arrays.copyOfRange(frame, HEADER, HEADER + payloadLength);
            case ZSTD -> decompress(frame, payloadLength, plainLength);
            default -> throw new FrameException("unknown blob compression flag " + frame[0]);
        };
        if (plain.length != plainLength) {
            throw new FrameException("blob has " + plain.length + " bytes but the index records " + plainLength);
        }
        return plain;
    }

    private static byte[] decompress(byte[] frame, int payloadLength, int plainLength) throws FrameException {
        // The plain length comes from the index, so it is checked before it sizes an allocation.
        if (plainLength < 0 || plainLength > (long) payloadLength * MAX_ZSTD_EXPANSION) {
            throw new FrameException("zstd payload of " + payloadLength + " bytes cannot hold the "
                    + plainLength + " bytes that the index records");
        }
        byte[] plain = new byte[plainLength];
        try {
            long size = Zstd.decompressByteArray(plain, 0, plainLength, frame, HEADER, payloadLength);
            if (size != plainLength) {
                throw new FrameException("zstd payload gave " + size + " bytes, expected " + plainLength);
            }
        } catch (ZstdException e) {
            throw new FrameException("zstd payload is invalid: " + e.getMessage());
        }
        return plain;
    }

    /** A frame whose structure is invalid. */
    public static final class FrameException extends Exception {
        public FrameException(String message) {
            super(message);
        }
    }
}
