package dev.holdfast.repository;

/** Kinds of file system entry recorded in trees. The labels are part of the format. */
public enum EntryType {
    FILE("file"),
    DIRECTORY("dir"),
    SYMLINK("symlink"),
    FIFO("fifo"),
    SOCKET("socket"),
    CHAR_DEVICE("chardev"),
    BLOCK_DEVICE("blockdev");

    private final String label;

    EntryType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static EntryType fromLabel(String label) {
        for (EntryType type : values()) {
            if (type.label.equals(label)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown entry type \"" + label + "\"");
    }
}
