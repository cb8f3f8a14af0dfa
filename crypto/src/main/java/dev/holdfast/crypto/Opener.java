package dev.holdfast.crypto;

/** Opens parts sealed by a {@link Sealer}, given the header that the sealer produced. */
public final class Opener {
    public static Opener forHeader(Keyring keyring, Purpose purpose, byte[] header, int offset)
            throws AuthenticationFailedException {
        throw new UnsupportedOperationException("stub");
    }

    public byte[] open(long part, byte[] additionalData, byte[] sealed, int offset, int length)
            throws AuthenticationFailedException {
        throw new UnsupportedOperationException("stub");
    }

    /** Opens an object written by {@link Sealer#sealObject}. */
    public static byte[] openObject(Keyring keyring, Purpose purpose, byte[] additionalData, byte[] sealed)
            throws AuthenticationFailedException {
        throw new UnsupportedOperationException("stub");
    }
}
