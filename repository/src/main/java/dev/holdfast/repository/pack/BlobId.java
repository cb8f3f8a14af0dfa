package dev.holdfast.repository.pack;

import dev.holdfast.repository.objects.Hex;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/** The 32-byte content ID of a blob. Immutable. */
public final class BlobId implements Comparable<BlobId> {
    public static final int LENGTH = 32;
    private static final VarHandle LONG_BIG_ENDIAN =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] bytes;

    private BlobId(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps a copy of 32 bytes. */
    public static BlobId of(byte[] bytes) {
        return of(bytes, 0);
    }

    public static BlobId of(byte[] source, int offset) {
        if (source.length - offset < LENGTH) {
            throw new IllegalArgumentException("a blob ID is 32 bytes, got " + (source.length - offset));
        }
        return new BlobId(Arrays.copyOfRange(source, offset, offset + LENGTH));
    }

    public static BlobId parse(String hex) {
        return of(Hex.decode(hex));
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    public void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, LENGTH);
    }

    /** Returns 8 bytes of the ID as a long; IDs are uniformly random, so these make a good hash. */
    public long word(int index) {
        return (long) LONG_BIG_ENDIAN.get(bytes, index * 8);
    }

    public String hex() {
        return Hex.encode(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BlobId id && Arrays.equals(bytes, id.bytes);
    }

    @Override
    public int hashCode() {
        return (int) word(0);
    }

    @Override
    public int compareTo(BlobId other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
