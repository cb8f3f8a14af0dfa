package dev.holdfast.repository.tree;

import dev.holdfast.repository.EntryType;
import dev.holdfast.repository.pack.BlobId;
import java.util.List;

/**
 * One entry of a folder as recorded in a tree. Times are seconds and nanoseconds since the
 * epoch. Fields that do not apply to a kind of entry are zero, null or empty.
 *
 * @param name raw bytes of the name, never containing '/' or NUL
 * @param mode permission bits with set-user-ID, set-group-ID and sticky bits (07777)
 * @param inode inode number at backup time, to find hard links and unchanged files
 * @param device device number of the file system the entry was on
 * @param links number of hard links at backup time
 * @param rdev device number that a character or block device node stands for
 * @param size bytes of content recorded for a file (the bytes actually read)
 * @param content the blobs and holes of a file, in order
 * @param subtree ID of a folder's own tree
 * @param linkTarget raw target of a symbolic link
 * @param changed the file changed while it was read, so its content may be torn
 */
public record Node(byte[] name, EntryType type, int mode, int uid, int gid, String user, String group,
        long mtimeSeconds, int mtimeNanos, long atimeSeconds, int atimeNanos, long ctimeSeconds,
        int ctimeNanos, long inode, long device, long links, long rdev, long size,
        List<ContentPart> content, BlobId subtree, byte[] linkTarget, List<ExtendedAttribute> xattrs,
        boolean changed) {

    public Node {
        content = content == null ? List.of() : List.copyOf(content);
        xattrs = xattrs == null ? List.of() : List.copyOf(xattrs);
    }

    public Node withContent(List<ContentPart> newContent, long newSize, boolean newChanged) {
        return new Node(name, type, mode, uid, gid, user, group, mtimeSeconds, mtimeNanos, atimeSeconds,
                atimeNanos, ctimeSeconds, ctimeNanos, inode, device, links, rdev, newSize, newContent,
                subtree, linkTarget, xattrs, newChanged);
    }

    public Node withSubtree(BlobId tree) {
        return new Node(name, type, mode, uid, gid, user, group, mtimeSeconds, mtimeNanos, atimeSeconds,
                atimeNanos, ctimeSeconds, ctimeNanos, inode, device, links, rdev, size, content, tree,
                linkTarget, xattrs, changed);
    }
}
