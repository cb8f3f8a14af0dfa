package dev.holdfast.repository.backup;

import dev.holdfast.repository.EntryType;
import dev.holdfast.repository.posix.Accounts;
import dev.holdfast.repository.posix.FileStat;
import dev.holdfast.repository.posix.FileType;
import dev.holdfast.repository.posix.Xattr;
import dev.holdfast.repository.tree.ExtendedAttribute;
import dev.holdfast.repository.tree.Node;
import java.util.ArrayList;
import java.util.List;

/** Turns what the file system reports into tree nodes. */
final class NodeFactory {
    private static final Accounts ACCOUNTS = new Accounts();

    private NodeFactory() {
    }

    static EntryType typeOf(FileType type) {
        return switch (type) {
            case REGULAR -> EntryType.FILE;
            case DIRECTORY -> EntryType.DIRECTORY;
            case SYMLINK -> EntryType.SYMLINK;
            case FIFO -> EntryType.FIFO;
            case SOCKET -> EntryType.SOCKET;
            case CHAR_DEVICE -> EntryType.CHAR_DEVICE;
            case BLOCK_DEVICE -> EntryType.BLOCK_DEVICE;
        };
    }

    /**
     * Builds the node of an entry. The access time is not recorded (the node carries the
     * modification time in its place): listing a folder moves its access time, so recording it
     * would store every folder's tree again on each backup.
     */
    static Node node(byte[] name, FileStat stat, byte[] linkTarget, List<Xattr> xattrs) {
        List<ExtendedAttribute> attributes = new ArrayList<>(xattrs.size());
        for (Xattr xattr : xattrs) {
            attributes.add(new ExtendedAttribute(xattr.name(), xattr.value()));
        }
        boolean device = stat.type() == FileType.CHAR_DEVICE || stat.type() == FileType.BLOCK_DEVICE;
        return new Node(name, typeOf(stat.type()), stat.mode() & 07777, stat.uid(), stat.gid(),
                ACCOUNTS.userName(stat.uid()), ACCOUNTS.groupName(stat.gid()), stat.mtimeSec(), stat.mtimeNsec(),
                stat.mtimeSec(), stat.mtimeNsec(), stat.ctimeSec(), stat.ctimeNsec(), stat.inode(),
                stat.device(), stat.links(), device ? stat.rdev() : 0,
                stat.type() == FileType.REGULAR ? stat.size() : 0, List.of(), null, linkTarget, attributes,
                false);
    }

    /** True when a file looks untouched since the parent snapshot, so its content can be reused. */
    static boolean unchanged(Node previous, FileStat stat) {
        return previous != null && previous.type() == EntryType.FILE && !previous.changed()
                && previous.size() == stat.size() && previous.inode() == stat.inode()
                && previous.mtimeSeconds() == stat.mtimeSec() && previous.mtimeNanos() == stat.mtimeNsec()
                && previous.ctimeSeconds() == stat.ctimeSec() && previous.ctimeNanos() == stat.ctimeNsec();
    }
}
