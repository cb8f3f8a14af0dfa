package dev.holdfast.repository.restore;

import dev.holdfast.repository.EntryType;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.tree.ContentPart;
import dev.holdfast.repository.tree.Node;
import dev.holdfast.repository.tree.TreeWalker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decides which entries a restore covers and counts what it will write, before anything is
 * written, so that progress has totals, a target without room fails before it is touched, and
 * an include that names no entry is rejected.
 */
final class Plan {
    private final List<byte[]> includes;
    private final boolean[] found;
    /** Whether some tree could not be read, so that the counts and {@link #found} fall short. */
    private boolean incomplete;
    long files;
    long bytes;
    long allocatedBytes;

    Plan(List<byte[]> includes) {
        this.includes = includes.stream().map(Plan::normalize).toList();
        this.found = new boolean[this.includes.size()];
    }

    /** Normalizes a raw path to "/a/b" form with no trailing or repeated '/'. */
    static byte[] normalize(byte[] path) {
        List<byte[]> parts = TreeWalker.components(path);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write('/');
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** True when {@code path} is selected itself or lies below a selected path. */
    boolean selected(byte[] path) {
        if (includes.isEmpty()) {
            return true;
        }
        for (byte[] include : includes) {
            if (isPrefix(include, path)) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code path} is a folder on the way to a selected path. */
    boolean onTheWay(byte[] path) {
        for (byte[] include : includes) {
            if (isPrefix(path, include)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPrefix(byte[] prefix, byte[] path) {
        if (prefix.length > path.length || !Arrays.equals(prefix, 0, prefix.length, path, 0, prefix.length)) {
            return false;
        }
        return prefix.length == path.length || path[prefix.length] == '/' || prefix.length == 0;
    }

    /**
     * Counts the selected files and bytes in {@code nodes} and below, and marks the includes
     * found. A tree that cannot be read is skipped here, because the restore reports it.
     */
    void count(TreeWalker trees, List<Node> nodes, byte[] prefix) {
        for (Node node : nodes) {
            byte[] path = TreeWalker.child(prefix, node.name());
            boolean selected = selected(path);
            if (!selected && !(node.type() == EntryType.DIRECTORY && onTheWay(path))) {
                continue;
            }
            markFound(path);
            if (node.type() == EntryType.FILE && selected) {
                files++;
                bytes += node.size();
                allocatedBytes += node.size() - holes(node);
            } else if (node.type() == EntryType.DIRECTORY) {
                countSubtree(trees, node, path);
            }
        }
    }

    private void countSubtree(TreeWalker trees, Node node, byte[] path) {
        List<Node> children;
        try {
            children = trees.tree(node.subtree());
        } catch (RepositoryException e) {
            incomplete = true;
            return;
        }
        count(trees, children, path);
    }

    private void markFound(byte[] path) {
        for (int i = 0; i < includes.size(); i++) {
            if (Arrays.equals(includes.get(i), path)) {
                found[i] = true;
            }
        }
    }

    /**
     * Returns the includes that name no entry of the snapshot, once {@link #count} ran. The
     * root ("/") is always found. When a tree could not be read, an include below it may exist,
     * so none is returned and the restore reports the unreadable tree instead.
     */
    List<byte[]> missingIncludes() {
        List<byte[]> missing = new ArrayList<>();
        for (int i = 0; i < includes.size(); i++) {
            if (!found[i] && includes.get(i).length > 0 && !incomplete) {
                missing.add(includes.get(i));
            }
        }
        return missing;
    }

    /** Returns the bytes of {@code node} in holes, which a restore does not write. */
    static long holes(Node node) {
        long holes = 0;
        for (ContentPart part : node.content()) {
            holes += part.holeLength();
        }
        return holes;
    }
}
