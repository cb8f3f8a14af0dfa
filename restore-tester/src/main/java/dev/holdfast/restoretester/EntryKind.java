package dev.holdfast.restoretester;

/** Kinds of file system entry that a file snapshot records. The labels are stored in reports. */
public enum EntryKind {
    FILE("file"),
    DIRECTORY("directory"),
    SYMLINK("symlink"),
    FIFO("fifo"),
    SOCKET("socket"),
    CHAR_DEVICE("character device"),
    BLOCK_DEVICE("block device");

    private final String label;

    EntryKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
