package dev.holdfast.repository.posix;

/** Kinds of directory entry, from the S_IFMT bits of {@code st_mode}. */
public enum FileType {
    REGULAR(0100000),
    DIRECTORY(0040000),
    SYMLINK(0120000),
    FIFO(0010000),
    SOCKET(0140000),
    CHAR_DEVICE(0020000),
    BLOCK_DEVICE(0060000);

    static final int S_IFMT = 0170000;

    private final int modeBits;

    FileType(int modeBits) {
        this.modeBits = modeBits;
    }

    /**
     * Returns the S_IFMT bits of this type, such as 0020000 for a character device, to combine
     * with permission bits for {@link DirHandle#mknod}.
     */
    public int modeBits() {
        return modeBits;
    }

    static FileType fromMode(int stMode) {
        int bits = stMode & S_IFMT;
        for (FileType type : values()) {
            if (type.modeBits == bits) {
                return type;
            }
        }
        throw new IllegalStateException("st_mode 0" + Integer.toOctalString(stMode)
                + " has a file type that Linux does not define");
    }
}
