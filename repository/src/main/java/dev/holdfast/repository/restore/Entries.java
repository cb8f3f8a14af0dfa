package dev.holdfast.repository.restore;

import dev.holdfast.repository.EntryType;
import dev.holdfast.repository.posix.Accounts;
import dev.holdfast.repository.posix.DirHandle;
import dev.holdfast.repository.posix.FileType;
import dev.holdfast.repository.posix.PosixException;
import dev.holdfast.repository.tree.Node;
import dev.holdfast.repository.tree.TreeWalker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Creates folders, links and special files in the target. */
final class Entries {

    private Entries() {
    }

    /** Creates a folder, or opens the one that is already there. */
    static DirHandle makeDirectory(DirHandle parent, byte[] name) throws IOException {
        return parent.openOrMkdir(name, 0700);
    }

    /**
     * Creates a symbolic link, FIFO, socket or device node; returns false with a warning when the
     * entry cannot be made here (device nodes need root).
     */
    static boolean makeSpecial(DirHandle dir, Node node, byte[] path, Metadata metadata) throws IOException {
        replaceExisting(dir, node.name());
        switch (node.type()) {
            case SYMLINK -> dir.symlink(node.linkTarget(), node.name());
            case FIFO -> dir.mkfifo(node.name(), node.mode());
            case SOCKET -> dir.mknod(node.name(), FileType.SOCKET.modeBits() | node.mode(), 0);
            case CHAR_DEVICE, BLOCK_DEVICE -> {
                if (!Accounts.isRoot()) {
                    metadata.warn(path, "device node not restored: creating one needs root");
                    return false;
                }
                int kind = (node.type() == EntryType.CHAR_DEVICE ? FileType.CHAR_DEVICE : FileType.BLOCK_DEVICE)
                        .modeBits();
                dir.mknod(node.name(), kind | node.mode(), node.rdev());
            }
            default -> throw new IllegalArgumentException("not a special entry: " + node.type());
        }
        return true;
    }

    /** Removes a non-folder entry that is in the way, as --overwrite allows. */
    private static void replaceExisting(DirHandle dir, byte[] name) throws IOException {
        try {
            if (dir.stat(name).type() != FileType.DIRECTORY) {
                dir.unlink(name);
            }
        } catch (PosixException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
    }

    /** Links {@code path} to {@code existing}, both relative to the target folder. */
    static void hardLink(DirHandle target, byte[] existing, byte[] path) throws IOException {
        List<DirHandle> opened = new ArrayList<>();
        try {
            Located from = locate(target, existing, opened);
            Located to = locate(target, path, opened);
            replaceExisting(to.dir, to.name);
            to.dir.link(from.dir, from.name, to.name);
        } finally {
            opened.forEach(DirHandle::close);
        }
    }

    private record Located(DirHandle dir, byte[] name) {
    }

    private static Located locate(DirHandle target, byte[] path, List<DirHandle> opened) throws IOException {
        List<byte[]> parts = TreeWalker.components(path);
        DirHandle dir = target;
        for (int i = 0; i < parts.size() - 1; i++) {
            dir = dir.openDir(parts.get(i));
            opened.add(dir);
        }
        return new Located(dir, parts.getLast());
    }
}
