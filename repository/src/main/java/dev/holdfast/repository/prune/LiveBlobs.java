package dev.holdfast.repository.prune;

import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.RepositoryException.Reason;
import dev.holdfast.repository.index.BlobIdSet;
import dev.holdfast.repository.index.Index;
import dev.holdfast.repository.pack.BlobId;
import dev.holdfast.repository.tree.ContentPart;
import dev.holdfast.repository.tree.Node;
import dev.holdfast.repository.tree.TreeWalker;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The blobs reachable from the snapshots that stay. A tree already marked is not read again,
 * so marking the snapshots that appeared since the last marking reads only their new trees.
 */
final class LiveBlobs {
    /** Compact, because it contains most of the repository's blobs through both phases. */
    private final BlobIdSet live = new BlobIdSet();

    /**
     * Marks every blob reachable from {@code root}.
     *
     * @throws RepositoryException when a tree cannot be read or a blob is in no index: prune
     *     then cannot tell what the snapshot needs, and must delete nothing
     */
    void mark(String snapshot, BlobId root, TreeWalker walker, Index index)
            throws RepositoryException {
        Deque<BlobId> pending = new ArrayDeque<>(List.of(root));
        while (!pending.isEmpty()) {
            BlobId tree = pending.pop();
            if (live.contains(tree)) {
                continue;
            }
            List<Node> nodes;
            try {
                nodes = walker.tree(tree);
            } catch (RepositoryException e) {
                throw unknown(snapshot, e.getMessage(), e);
            }
            for (Node node : nodes) {
                if (node.subtree() != null) {
                    pending.push(node.subtree());
                }
                for (ContentPart part : node.content()) {
                    if (part.isHole() || live.contains(part.blob())) {
                        continue;
                    }
                    if (!index.contains(part.blob())) {
                        throw unknown(snapshot, "data blob " + part.blob().hex()
                                + " is in no index", null);
                    }
                    live.add(part.blob());
                }
            }
            live.add(tree);
        }
    }

    private static RepositoryException unknown(String snapshot, String detail, Exception cause) {
        return new RepositoryException(Reason.DAMAGED_DATA, "prune cannot tell which data "
                + "snapshot " + snapshot + " needs: " + detail + ". Nothing was deleted. Run "
                + "`holdfast check` and repair the repository before pruning", cause);
    }

    boolean contains(BlobId id) {
        return live.contains(id);
    }

    void forEach(Consumer<BlobId> sink) {
        live.forEach(sink);
    }

    int size() {
        return live.size();
    }
}
