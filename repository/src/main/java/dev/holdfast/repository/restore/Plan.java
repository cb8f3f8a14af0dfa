package dev.holdfast.repository.restore;

import dev.holdfast.repository.EntryType;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.tree.ContentPart;
import dev.holdfast.repository.tree.Node;
import dev.holdfast.repository.tree.TreeWalker;
import java.util.Arrays;
import java.util.List;

/**
 * Decides which entries a restore covers and counts what it will write, before anything is
 * written, so that progress has totals and a target without room fails before it is touched.
 */
final class Plan {
    private final List<byte[]> includes;
    long files;
    long bytes;
    long allocatedBytes;

    Plan(List<byte[]> includes) {
        this.includes = includes.stream().map(Plan::normalize).toList();
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

    /** Counts files and bytes below {@code tree}. */
    void count(TreeWalker trees, List<Node> nodes, byte[] prefix) throws RepositoryException {
        for (Node node : nodes) {
            byte[] path = TreeWalker.child(prefix, node.name());
            boolean selected = selected(path);
            if (!selected && !(node.type() == EntryType.DIRECTORY && onTheWay(path))) {
                continue;
            }
            if (node.type() == EntryType.FILE && selected) {
                files++;
                bytes += node.size();
                allocatedBytes += node.size() - holes(node);
            } else if (node.type() == EntryType.DIRECTORY) {
                count(trees, trees.tree(node.subtree()), path);
            }
        }
    }

    private static long holes(Node node) {
        long holes = 0;
        for (ContentPart part : node.content()) {
            holes += part.holeLength();
        }
        return holes;
    }
}
