package dev.holdfast.repository.backup;

import dev.holdfast.repository.EntryType;
import dev.holdfast.repository.PathNames;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.pack.BlobType;
import dev.holdfast.repository.posix.DirHandle;
import dev.holdfast.repository.posix.FileHandle;
import dev.holdfast.repository.posix.FileStat;
import dev.holdfast.repository.posix.FileType;
import dev.holdfast.repository.posix.PosixException;
import dev.holdfast.repository.posix.Xattr;
import dev.holdfast.repository.tree.ContentPart;
import dev.holdfast.repository.tree.Node;
import dev.holdfast.repository.tree.TreeCodec;
import dev.holdfast.repository.tree.TreeWalker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists folders on one thread and fans file reading out to the file workers. Each entry becomes
 * a future of its node. A folder's node completes when all its children have, and then its
 * tree is encoded and stored. Entries that vanish or cannot be read are reported and left
 * out, and the snapshot is marked partial.
 */
final class Walker {
    private static final int FILES_IN_FLIGHT = 512;
    private static final Logger LOG = LoggerFactory.getLogger(Walker.class);

    private final BlobSink sink;
    private final FileReader reader;
    private final ExecutorService fileWorkers;
    private final TreeWalker parentTrees;
    private final Stats stats;
    private final Excludes excludes;
    private final Semaphore inFlight = new Semaphore(FILES_IN_FLIGHT);
    private final Map<String, CompletableFuture<Node>> hardLinks = new ConcurrentHashMap<>();
    /** Set when the backup fails or is interrupted: reads not yet started are skipped. */
    private volatile boolean stopped;

    Walker(BlobSink sink, FileReader reader, ExecutorService fileWorkers, TreeWalker parentTrees, Stats stats,
            Excludes excludes) {
        this.sink = sink;
        this.reader = reader;
        this.fileWorkers = fileWorkers;
        this.parentTrees = parentTrees;
        this.stats = stats;
        this.excludes = excludes;
    }

    /**
     * Stops a failed or interrupted backup soon. Reads that have not started complete at once
     * with nothing, on this thread, so that the folders waiting for them close their handles.
     * Running reads are interrupted, which ends them after their current chunk, and awaited,
     * because they use folder handles that the caller closes next.
     */
    void stop() {
        stopped = true;
        for (Runnable queued : fileWorkers.shutdownNow()) {
            queued.run();
        }
        try {
            if (!fileWorkers.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.warn("backup stopped, but a file worker is still reading after a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts the backup of entry {@code name} in {@code dir}; completes with null when skipped.
     *
     * @throws InterruptedException when the thread is interrupted while it walks the source
     */
    CompletableFuture<Node> entry(DirHandle dir, byte[] name, FileStat stat, byte[] path, Node previous)
            throws InterruptedException {
        try {
            List<Xattr> xattrs = xattrs(dir, name, path);
            return switch (stat.type()) {
                case DIRECTORY -> directory(dir, name, stat, path, previous, xattrs);
                case REGULAR -> file(dir, name, stat, path, previous, xattrs);
                case SYMLINK -> CompletableFuture.completedFuture(
                        NodeFactory.node(name, stat, dir.readLink(name), xattrs));
                default -> CompletableFuture.completedFuture(NodeFactory.node(name, stat, null, xattrs));
            };
        } catch (IOException e) {
            return skipped(path, e);
        }
    }

    private List<Xattr> xattrs(DirHandle dir, byte[] name, byte[] path) {
        try {
            return dir.xattrs(name);
        } catch (IOException e) {
            stats.warn(PathNames.display(path), "extended attributes not readable: " + e.getMessage());
            return List.of();
        }
    }

    private CompletableFuture<Node> skipped(byte[] path, IOException e) {
        String reason = e instanceof PosixException p && p.isNotFound() ? "vanished during the backup"
                : "not readable: " + e.getMessage();
        stats.warn(PathNames.display(path), reason + "; left out of the snapshot");
        return CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<Node> directory(DirHandle parent, byte[] name, FileStat stat, byte[] path,
            Node previous, List<Xattr> xattrs) throws IOException, InterruptedException {
        DirHandle dir = parent.openDir(name);
        List<CompletableFuture<Node>> children = new ArrayList<>();
        CompletableFuture<Void> done;
        try {
            List<Node> previousChildren = previousChildren(previous);
            List<byte[]> names = dir.list();
            names.sort(Arrays::compareUnsigned);
            stats.listed(path);
            for (byte[] child : names) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("backup interrupted");
                }
                byte[] childPath = TreeWalker.child(path, child);
                if (excludes.matches(childPath, child)) {
                    continue;
                }
                children.add(child(dir, child, childPath, find(previousChildren, child)));
            }
        } finally {
            // Reads of the children use the folder's handle, so it is closed after them, also
            // when the listing failed halfway.
            done = CompletableFuture.allOf(children.toArray(CompletableFuture[]::new))
                    .whenComplete((result, error) -> dir.close());
        }
        stats.directories.incrementAndGet();
        Node node = NodeFactory.node(name, stat, null, xattrs);
        return done.thenApply(result -> stopped ? null : storeTree(node, children));
    }

    private CompletableFuture<Node> child(DirHandle dir, byte[] name, byte[] path, Node previous)
            throws InterruptedException {
        FileStat stat;
        try {
            stat = dir.stat(name);
        } catch (IOException e) {
            return skipped(path, e);
        }
        return entry(dir, name, stat, path, previous);
    }

    private Node storeTree(Node node, List<CompletableFuture<Node>> children) {
        List<Node> nodes = new ArrayList<>(children.size());
        for (CompletableFuture<Node> child : children) {
            Node done = child.join();
            if (done != null) {
                nodes.add(done);
            }
        }
        try {
            return node.withSubtree(sink.store(TreeCodec.encode(nodes), BlobType.TREE));
        } catch (BackupFailedException e) {
            throw new CompletionException(e);
        }
    }

    private List<Node> previousChildren(Node previous) {
        if (previous == null || previous.type() != EntryType.DIRECTORY || parentTrees == null) {
            return List.of();
        }
        try {
            return parentTrees.tree(previous.subtree());
        } catch (RepositoryException e) {
            // An unreadable parent tree only costs speed: every file below it is read again.
            return List.of();
        }
    }

    private static Node find(List<Node> sorted, byte[] name) {
        int low = 0;
        int high = sorted.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = Arrays.compareUnsigned(sorted.get(middle).name(), name);
            if (order == 0) {
                return sorted.get(middle);
            }
            if (order < 0) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return null;
    }

    private CompletableFuture<Node> file(DirHandle dir, byte[] name, FileStat stat, byte[] path, Node previous,
            List<Xattr> xattrs) throws InterruptedException {
        stats.filesSeen.incrementAndGet();
        stats.bytesSeen.addAndGet(stat.size());
        Node node = NodeFactory.node(name, stat, null, xattrs);
        if (NodeFactory.unchanged(previous, stat) && allIndexed(previous.content())) {
            stats.filesUnchanged.incrementAndGet();
            stats.bytesDone.addAndGet(stat.size());
            return CompletableFuture.completedFuture(counted(node.withContent(previous.content(),
                    previous.size(), false)));
        }
        if (stat.links() > 1) {
            CompletableFuture<Node> first = new CompletableFuture<>();
            CompletableFuture<Node> existing = hardLinks.putIfAbsent(stat.device() + ":" + stat.inode(), first);
            if (existing != null) {
                return existing.thenApply(read -> read == null ? null
                        : laterName(node, read, previous));
            }
            read(dir, name, path, previous, xattrs).whenComplete((result, error) -> {
                if (error != null) {
                    first.completeExceptionally(error);
                } else {
                    first.complete(result);
                }
            });
            return first;
        }
        return read(dir, name, path, previous, xattrs);
    }

    /** Records another name of a hard-linked file that was read through its first name. */
    private Node laterName(Node node, Node read, Node previous) {
        (previous == null ? stats.filesNew : stats.filesChanged).incrementAndGet();
        stats.bytesDone.addAndGet(read.size());
        return counted(node.withContent(read.content(), read.size(), read.changed()));
    }

    private boolean allIndexed(List<ContentPart> parts) {
        for (ContentPart part : parts) {
            if (!part.isHole() && !sink.known(part.blob())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads a regular file on a file worker. Its slot in {@link #FILES_IN_FLIGHT} is released
     * in every case: by the read, or here when the read never starts. An {@link Error} fails
     * the whole backup through the blob sink, so that no thread waits for work that died.
     */
    private CompletableFuture<Node> read(DirHandle dir, byte[] name, byte[] path, Node previous,
            List<Xattr> xattrs) throws InterruptedException {
        AtomicBoolean claimed = new AtomicBoolean();
        inFlight.acquire();
        try {
            return CompletableFuture.supplyAsync(() -> {
                if (!claimed.compareAndSet(false, true)) {
                    return null;
                }
                try {
                    return stopped ? null : readFile(dir, name, path, previous, xattrs);
                } catch (Error e) {
                    sink.fail(e);
                    throw e;
                } finally {
                    inFlight.release();
                }
            }, fileWorkers);
        } catch (RuntimeException | Error e) {
            if (claimed.compareAndSet(false, true)) {
                inFlight.release();
            }
            if (!(e instanceof RejectedExecutionException)) {
                sink.fail(e);
            }
            throw e;
        }
    }

    private Node readFile(DirHandle dir, byte[] name, byte[] path, Node previous,
            List<Xattr> xattrs) {
        try (FileHandle file = dir.openRead(name)) {
            long[] bytesRead = {0};
            FileReader.Result result = reader.read(file, n -> {
                bytesRead[0] += n;
                stats.bytesDone.addAndGet(n);
                stats.bytesRead.addAndGet(n);
            });
            // Holes are recorded without being read, but count as done so progress ends at
            // its total, which counts the whole size of each file.
            stats.bytesDone.addAndGet(result.size() - bytesRead[0]);
            if (result.stat().type() != FileType.REGULAR) {
                stats.warn(PathNames.display(path),
                        "was replaced by another kind of entry; left out");
                return null;
            }
            if (result.changed()) {
                stats.changed(PathNames.display(path));
            }
            (previous == null ? stats.filesNew : stats.filesChanged).incrementAndGet();
            Node read = NodeFactory.node(name, result.stat(), null, xattrs);
            return counted(read.withContent(result.parts(), result.size(), result.changed()));
        } catch (IOException e) {
            return skipped(path, e).join();
        } catch (BackupFailedException e) {
            throw new CompletionException(e);
        }
    }

    private Node counted(Node node) {
        stats.filesDone.incrementAndGet();
        stats.files.incrementAndGet();
        stats.bytes.addAndGet(node.size());
        return node;
    }
}
