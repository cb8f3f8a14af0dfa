package dev.holdfast.repository.tree;

import dev.holdfast.repository.Entry;
import dev.holdfast.repository.EntryType;
import dev.holdfast.repository.PathNames;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.RepositoryException.Reason;
import dev.holdfast.repository.TreeVisitor;
import dev.holdfast.repository.index.BlobLoader;
import dev.holdfast.repository.index.BlobReadException;
import dev.holdfast.repository.index.IndexEntry;
import dev.holdfast.repository.pack.BlobId;
import dev.holdfast.repository.pack.BlobType;
import dev.holdfast.repository.tree.TreeCodec.TreeFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads trees of a snapshot: finds paths, visits entries and streams file content. */
public final class TreeWalker {
    private final BlobLoader blobs;

    public TreeWalker(BlobLoader blobs) {
        this.blobs = blobs;
    }

    /** Loads and decodes one tree; failures name the tree and the pack. */
    public List<Node> tree(BlobId id) throws RepositoryException {
        try {
            return TreeCodec.decode(blobs.load(id, BlobType.TREE));
        } catch (BlobReadException e) {
            throw new RepositoryException(e.missing() ? Reason.NOT_FOUND : Reason.DAMAGED_DATA,
                    "reading tree " + id.hex() + " failed: " + e.getMessage(), e);
        } catch (TreeFormatException e) {
            throw new RepositoryException(Reason.DAMAGED_DATA, "tree " + id.hex() + " is damaged: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Returns the names of the packs that hold the trees below {@code root}, {@code root}
     * included, and the content of every file in them. Each tree is read once.
     *
     * @throws RepositoryException when a blob is in no index or a tree cannot be read
     */
    public Set<String> packs(BlobId root) throws RepositoryException {
        Set<String> packs = new HashSet<>();
        Set<BlobId> seen = new HashSet<>();
        Deque<BlobId> pending = new ArrayDeque<>(List.of(root));
        while (!pending.isEmpty()) {
            BlobId tree = pending.pop();
            if (!seen.add(tree)) {
                continue;
            }
            packs.add(packOf(tree));
            for (Node node : tree(tree)) {
                if (node.subtree() != null) {
                    pending.push(node.subtree());
                }
                for (ContentPart part : node.content()) {
                    if (!part.isHole()) {
                        packs.add(packOf(part.blob()));
                    }
                }
            }
        }
        return packs;
    }

    private String packOf(BlobId blob) throws RepositoryException {
        IndexEntry entry = blobs.index().lookup(blob);
        if (entry == null) {
            throw new RepositoryException(Reason.NOT_FOUND, "blob " + blob.hex()
                    + " is in no index");
        }
        return entry.packName();
    }

    /** Splits a raw path into its non-empty components. */
    public static List<byte[]> components(byte[] path) {
        List<byte[]> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= path.length; i++) {
            if (i == path.length || path[i] == '/') {
                if (i > start) {
                    parts.add(Arrays.copyOfRange(path, start, i));
                }
                start = i + 1;
            }
        }
        return parts;
    }

    /** Returns the node at {@code path}, or null for the root itself. */
    public Node find(BlobId root, byte[] path) throws RepositoryException {
        List<byte[]> parts = components(path);
        BlobId tree = root;
        Node node = null;
        for (int i = 0; i < parts.size(); i++) {
            if (tree == null) {
                throw notFound(path);
            }
            byte[] name = parts.get(i);
            node = tree(tree).stream().filter(n -> Arrays.equals(n.name(), name)).findFirst()
                    .orElseThrow(() -> notFound(path));
            tree = node.subtree();
        }
        return node;
    }

    private static RepositoryException notFound(byte[] path) {
        return new RepositoryException(Reason.NOT_FOUND, "path \"" + PathNames.display(path)
                + "\" is not in the snapshot; list it with `holdfast ls`");
    }

    /** Visits the entry at {@code path} and everything below it, folders before their contents. */
    public void walk(BlobId root, byte[] path, TreeVisitor visitor) throws RepositoryException {
        Node node = find(root, path);
        byte[] normalized = join(components(path));
        if (node == null) {
            visitChildren(root, new byte[0], visitor);
            return;
        }
        visitor.visit(entry(normalized, node));
        if (node.subtree() != null) {
            visitChildren(node.subtree(), normalized, visitor);
        }
    }

    private void visitChildren(BlobId tree, byte[] prefix, TreeVisitor visitor) throws RepositoryException {
        for (Node child : tree(tree)) {
            byte[] childPath = child(prefix, child.name());
            visitor.visit(entry(childPath, child));
            if (child.subtree() != null) {
                visitChildren(child.subtree(), childPath, visitor);
            }
        }
    }

    public static byte[] child(byte[] prefix, byte[] name) {
        byte[] path = Arrays.copyOf(prefix, prefix.length + 1 + name.length);
        path[prefix.length] = '/';
        System.arraycopy(name, 0, path, prefix.length + 1, name.length);
        return path;
    }

    private static byte[] join(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write('/');
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    public static Entry entry(byte[] path, Node node) {
        return new Entry(path, node.type(), node.mode(), node.size(),
                Instant.ofEpochSecond(node.mtimeSeconds(), node.mtimeNanos()), node.uid(), node.gid(),
                node.user(), node.group(), node.linkTarget(), node.links());
    }

    /** Streams a regular file's content, holes as zeros. */
    public InputStream openFile(BlobId root, byte[] path) throws RepositoryException {
        Node node = find(root, path);
        if (node == null || node.type() != EntryType.FILE) {
            throw new RepositoryException(Reason.GENERAL, "path \"" + PathNames.display(path)
                    + "\" is not a regular file");
        }
        return new ContentStream(node.content());
    }

    /** Reads a file's parts one blob at a time so memory stays at one chunk. */
    private final class ContentStream extends InputStream {
        private final List<ContentPart> parts;
        private int next;
        private byte[] current = new byte[0];
        private long holeLeft;
        private int position;

        ContentStream(List<ContentPart> parts) {
            this.parts = parts;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            while (position == current.length && holeLeft == 0) {
                if (next == parts.size()) {
                    return -1;
                }
                advance(parts.get(next++));
            }
            if (holeLeft > 0) {
                int n = (int) Math.min(length, holeLeft);
                Arrays.fill(buffer, offset, offset + n, (byte) 0);
                holeLeft -= n;
                return n;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            return n;
        }

        private void advance(ContentPart part) throws IOException {
            position = 0;
            if (part.isHole()) {
                current = new byte[0];
                holeLeft = part.holeLength();
                return;
            }
            try {
                current = blobs.load(part.blob(), BlobType.DATA);
            } catch (BlobReadException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
    }
}
