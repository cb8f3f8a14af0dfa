package dev.holdfast.repository.restore;

import dev.holdfast.repository.EntryType;
import dev.holdfast.repository.PathNames;
import dev.holdfast.repository.Progress;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.RepositoryException.Reason;
import dev.holdfast.repository.RestoreRequest;
import dev.holdfast.repository.RestoreSummary;
import dev.holdfast.repository.index.BlobLoader;
import dev.holdfast.repository.index.BlobReadException;
import dev.holdfast.repository.index.IndexEntry;
import dev.holdfast.repository.pack.BlobId;
import dev.holdfast.repository.pack.BlobType;
import dev.holdfast.repository.posix.DirHandle;
import dev.holdfast.repository.posix.PosixException;
import dev.holdfast.repository.tree.ContentPart;
import dev.holdfast.repository.tree.Node;
import dev.holdfast.repository.tree.TreeWalker;
import dev.holdfast.storage.filesystem.IoFailures;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Restores a snapshot, or selected paths of it, into a folder. Folders are created as the tree
 * is walked, files are written by workers, and each folder's metadata is applied once all its
 * entries are in place. A file that cannot be restored, because a pack is damaged for example,
 * is listed as failed and the others go on. A full disk stops the restore, because nothing more
 * fits.
 *
 * <p>Small files are written in batches: the small blobs of a batch's files are read together,
 * pack by pack, in few ranged reads. A backup shuffles the blobs within each pack, so the small
 * files of one folder lie all over their pack. A batch therefore covers about a pack's worth of
 * files, because a smaller one would read most of the pack again for a few of its blobs. Reading each
 * blob alone costs one request per small file. Large files are written outside the batches,
 * each blob read alone, so that one of them does not hold up a batch.
 */
public final class Restorer {
    private static final int BATCH_FILES = 8192;
    /** Plaintext of the blobs one batch reads ahead of writing them. */
    private static final int BATCH_BYTES = 8 * 1024 * 1024;
    /**
     * Batches handed to the workers and not yet written. A bound on files alone is not enough:
     * batches of a few large files each would all read their blobs ahead at once.
     */
    private static final int BATCHES_IN_FLIGHT = 2;
    /** Files walked but not yet written: a batch being written, one being read, one being filled. */
    private static final int FILES_IN_FLIGHT = (BATCHES_IN_FLIGHT + 1) * BATCH_FILES;
    /** Files larger than this are written outside the batches. */
    private static final long LARGE_FILE = 4 * 1024 * 1024;

    private final BlobLoader blobs;
    private final TreeWalker trees;

    public Restorer(BlobLoader blobs) {
        this.blobs = blobs;
        this.trees = new TreeWalker(blobs);
    }

    public RestoreSummary restore(BlobId root, RestoreRequest request, Progress progress)
            throws RepositoryException {
        Plan plan = new Plan(request.includes());
        List<Node> top = rootTree(root);
        plan.count(trees, top, new byte[0]);
        rejectMissingIncludes(plan, request);
        if (Thread.currentThread().isInterrupted()) {
            throw new RepositoryException(Reason.INTERRUPTED, "restore interrupted before "
                    + "anything was written");
        }
        byte[] target = prepareTarget(request);
        checkSpace(target, plan, request);
        Run run = new Run(plan, new Metadata(request.restoreOwners()), progress);
        try (DirHandle targetDir = open(target);
                ExecutorService workers = Executors.newFixedThreadPool(4,
                        Thread.ofPlatform().name("restore-", 0).daemon().factory())) {
            run.workers = workers;
            run.targetDir = targetDir;
            run.walk(targetDir, top);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RepositoryException(Reason.INTERRUPTED, "restore interrupted: "
                    + run.filesDone.get() + " of " + plan.files + " files were restored into \""
                    + PathNames.display(target) + "\"", e);
        }
        progress.update(run.filesDone.get(), run.bytesDone.get(), plan.files, plan.bytes);
        return run.summary();
    }

    /** Reads the snapshot's root tree; without it nothing can be restored. */
    private List<Node> rootTree(BlobId root) throws RepositoryException {
        try {
            return trees.tree(root);
        } catch (RepositoryException e) {
            Reason reason = FailedPaths.isDamage(e) ? Reason.DAMAGED_DATA : e.reason();
            throw new RepositoryException(reason, "nothing restored: the snapshot's root tree "
                    + "cannot be read: " + e.getMessage() + "; run `holdfast check`", e);
        }
    }

    private static void rejectMissingIncludes(Plan plan, RestoreRequest request)
            throws RepositoryException {
        List<byte[]> missing = plan.missingIncludes();
        if (missing.isEmpty()) {
            return;
        }
        List<String> quoted = missing.stream().map(p -> "\"" + PathNames.display(p) + "\"")
                .toList();
        String paths = missing.size() == 1 ? "path " + quoted.getFirst()
                : "paths " + String.join(", ", quoted);
        String verb = missing.size() == 1 ? " is" : " are";
        throw new RepositoryException(Reason.NOT_FOUND, paths + verb + " not in snapshot \""
                + request.snapshotId() + "\", so nothing was restored; list its paths with "
                + "`holdfast ls " + request.snapshotId() + "`");
    }

    private static byte[] prepareTarget(RestoreRequest request) throws RepositoryException {
        Path target = request.target().toAbsolutePath().normalize();
        try {
            Files.createDirectories(target);
            try (var entries = Files.list(target)) {
                if (!request.overwrite() && entries.findAny().isPresent()) {
                    throw new RepositoryException(Reason.GENERAL, "target folder \"" + target
                            + "\" is not empty; choose an empty folder or pass --overwrite to replace files");
                }
            }
        } catch (IOException e) {
            throw new RepositoryException(Reason.GENERAL, "target folder \"" + target + "\" cannot be used: "
                    + IoFailures.reason(e), e);
        }
        return target.toString().getBytes(Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8")));
    }

    private static void checkSpace(byte[] target, Plan plan, RestoreRequest request) throws RepositoryException {
        long free;
        try {
            free = DirHandle.freeBytes(target);
        } catch (IOException e) {
            return;
        }
        if (!request.overwrite() && plan.allocatedBytes > free) {
            throw new RepositoryException(Reason.GENERAL, "target \"" + request.target() + "\" has "
                    + free + " bytes free but the restore needs " + plan.allocatedBytes
                    + "; free space or choose another target");
        }
    }

    private static DirHandle open(byte[] path) throws RepositoryException {
        try {
            return DirHandle.open(path);
        } catch (IOException e) {
            throw new RepositoryException(Reason.GENERAL, "opening target \"" + PathNames.display(path)
                    + "\" failed: " + e.getMessage(), e);
        }
    }

    /** The first restored name of a hard-linked file and the write that creates it. */
    private record FirstName(byte[] path, CompletableFuture<Void> written) {
    }

    /** A file walked but not yet written. */
    private record PendingFile(DirHandle dir, Node node, byte[] path, CompletableFuture<Void> written) {
    }

    /** Files to write together, and the index entries of the small blobs they need. */
    private static final class Batch {
        final List<PendingFile> files = new ArrayList<>();
        final List<IndexEntry> entries = new ArrayList<>();
        long bytes;
        /** Files of the batch not yet written, set when it is handed over. */
        final AtomicInteger unwritten = new AtomicInteger();
        /** Whether the batch took one of {@link Run#batchSlots}, to give back once written. */
        boolean holdsSlot;

        /**
         * Adds the file, and its small blobs while the batch's plaintext stays within
         * {@link #BATCH_BYTES}. The writer reads the blobs left out one by one, so a large file
         * of small compressed blobs does not pull all its content into memory at once.
         */
        void add(PendingFile file, BlobLoader blobs) {
            files.add(file);
            for (ContentPart part : file.node().content()) {
                if (bytes >= BATCH_BYTES) {
                    return;
                }
                if (part.isHole()) {
                    continue;
                }
                IndexEntry entry = blobs.index().lookup(part.blob());
                if (entry != null && entry.blob().type() == BlobType.DATA
                        && entry.blob().sealedLength() <= BlobLoader.BATCHED_BLOB) {
                    entries.add(entry);
                    bytes += entry.blob().plainLength();
                }
            }
        }

        boolean full() {
            return files.size() >= BATCH_FILES || bytes >= BATCH_BYTES;
        }
    }

    /** The state of one restore. */
    private final class Run {
        final Plan plan;
        final Metadata metadata;
        final Progress progress;
        final FileWriter writer;
        ExecutorService workers;
        DirHandle targetDir;
        final Semaphore inFlight = new Semaphore(FILES_IN_FLIGHT);
        final Semaphore batchSlots = new Semaphore(BATCHES_IN_FLIGHT);
        final AtomicBoolean diskFull = new AtomicBoolean();
        /** Set once the restore is interrupted: writes not yet started are skipped. */
        final AtomicBoolean stopped = new AtomicBoolean();
        final AtomicLong filesDone = new AtomicLong();
        final AtomicLong bytesDone = new AtomicLong();
        /** Content bytes of the files written completely; progress counts holes as well. */
        final AtomicLong bytesWritten = new AtomicLong();
        final AtomicLong directories = new AtomicLong();
        final AtomicLong others = new AtomicLong();
        final FailedPaths failed;
        /** The first restored name of each hard-linked inode, keyed by device and inode. */
        final Map<String, FirstName> firstNames = new ConcurrentHashMap<>();
        /** Files walked since the last batch was handed to the workers; walking thread only. */
        Batch batch = new Batch();

        Run(Plan plan, Metadata metadata, Progress progress) {
            this.plan = plan;
            this.metadata = metadata;
            this.progress = progress;
            this.writer = new FileWriter(blobs, metadata);
            this.failed = new FailedPaths(progress);
        }

        /**
         * Walks the tree on the calling thread, starting a write for each file, and waits until
         * every entry is done. On interruption it stops the writes and throws.
         */
        void walk(DirHandle target, List<Node> top) throws InterruptedException {
            List<CompletableFuture<Void>> started = new ArrayList<>();
            try {
                children(target, top, new byte[0], started);
                flush(true);
                CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).get();
            } catch (ExecutionException e) {
                // Each entry catches its own failures, so only a bug gets here.
                throw new CompletionException(e.getCause());
            } catch (InterruptedException e) {
                stop();
                throw e;
            }
        }

        /**
         * Skips the writes not yet started and interrupts the running ones. The skipped tasks,
         * and the files not yet handed over, run here, so that their futures complete and their
         * folders are closed.
         */
        void stop() {
            stopped.set(true);
            for (Runnable queued : workers.shutdownNow()) {
                queued.run();
            }
            try {
                flush(false);
            } catch (InterruptedException e) {
                throw new AssertionError("a flush that does not wait was interrupted", e);
            }
        }

        /**
         * Hands the walked files to the workers: first a read of their blobs, then one write
         * each. With {@code wait}, waits while {@link #BATCHES_IN_FLIGHT} batches are unwritten.
         */
        void flush(boolean wait) throws InterruptedException {
            if (batch.files.isEmpty()) {
                return;
            }
            Batch full = batch;
            batch = new Batch();
            if (wait) {
                batchSlots.acquire();
                full.holdsSlot = true;
            }
            full.unwritten.set(full.files.size());
            submit(() -> {
                Map<BlobId, byte[]> ready = stopped.get() ? Map.of() : blobs.loadAll(full.entries);
                for (PendingFile file : full.files) {
                    submit(() -> writeFile(file, full, ready));
                }
            });
        }

        /** Runs {@code task} on a worker, or here once the workers are shut down by {@link #stop}. */
        private void submit(Runnable task) {
            try {
                workers.execute(task);
            } catch (RejectedExecutionException e) {
                task.run();
            }
        }

        /** Starts the selected entries of {@code nodes} and adds their futures to {@code started}. */
        void children(DirHandle dir, List<Node> nodes, byte[] prefix,
                List<CompletableFuture<Void>> started) throws InterruptedException {
            for (Node node : nodes) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("restore interrupted");
                }
                byte[] path = TreeWalker.child(prefix, node.name());
                boolean selected = plan.selected(path);
                if (selected || node.type() == EntryType.DIRECTORY && plan.onTheWay(path)) {
                    started.add(entry(dir, node, path, selected));
                }
            }
        }

        CompletableFuture<Void> entry(DirHandle dir, Node node, byte[] path, boolean selected)
                throws InterruptedException {
            try {
                return switch (node.type()) {
                    case DIRECTORY -> directory(dir, node, path, selected);
                    case FILE -> file(dir, node, path);
                    default -> {
                        special(dir, node, path);
                        yield CompletableFuture.completedFuture(null);
                    }
                };
            } catch (IOException | RepositoryException e) {
                failed.add(path, e);
                return CompletableFuture.completedFuture(null);
            }
        }

        CompletableFuture<Void> directory(DirHandle parent, Node node, byte[] path, boolean selected)
                throws IOException, RepositoryException, InterruptedException {
            // The tree is read first, so that a damaged one leaves no folder handle open.
            List<Node> nodes = trees.tree(node.subtree());
            DirHandle dir = Entries.makeDirectory(parent, node.name());
            directories.incrementAndGet();
            List<CompletableFuture<Void>> started = new ArrayList<>();
            try {
                children(dir, nodes, path, started);
            } catch (InterruptedException e) {
                finish(parent, node, path, dir, started);
                throw e;
            }
            return finish(parent, node, path, dir, started);
        }

        /**
         * Closes the folder and applies its metadata once the entries started in it are done.
         * Writes into it may still run, so it must not be closed before.
         */
        private CompletableFuture<Void> finish(DirHandle parent, Node node, byte[] path,
                DirHandle dir, List<CompletableFuture<Void>> started) {
            return CompletableFuture.allOf(started.toArray(CompletableFuture[]::new))
                    .whenComplete((v, e) -> {
                        dir.close();
                        metadata.applyByName(parent, node, path);
                    });
        }

        /**
         * Writes a file, or links a later name of a hard-linked file to its first name once that
         * is written. The link is part of the folder's future, so the folder's times are set
         * after the link is made, which would otherwise move them.
         */
        CompletableFuture<Void> file(DirHandle dir, Node node, byte[] path)
                throws InterruptedException {
            if (node.links() <= 1) {
                return write(dir, node, path);
            }
            String inode = node.device() + ":" + node.inode();
            // The tree is walked on the calling thread alone, so this lookup and put cannot race.
            FirstName first = firstNames.get(inode);
            if (first != null) {
                return first.written().thenRunAsync(() -> link(first.path(), path), workers);
            }
            CompletableFuture<Void> written = write(dir, node, path);
            firstNames.put(inode, new FirstName(path, written));
            return written;
        }

        /** Adds the file to the current batch; the future completes once it is written or failed. */
        CompletableFuture<Void> write(DirHandle dir, Node node, byte[] path)
                throws InterruptedException {
            inFlight.acquire();
            PendingFile file = new PendingFile(dir, node, path, new CompletableFuture<>());
            if (node.size() > LARGE_FILE) {
                Batch alone = new Batch();
                alone.files.add(file);
                alone.unwritten.set(1);
                submit(() -> writeFile(file, alone, Map.of()));
                return file.written();
            }
            batch.add(file, blobs);
            if (batch.full()) {
                flush(true);
            }
            return file.written();
        }

        void writeFile(PendingFile file, Batch of, Map<BlobId, byte[]> ready) {
            byte[] path = file.path();
            try {
                if (stopped.get()) {
                    return;
                }
                if (diskFull.get()) {
                    failed.add(path, "the target is full", false);
                    return;
                }
                bytesWritten.addAndGet(writer.write(file.dir(), file.node(), path, ready,
                        bytesDone::addAndGet));
                filesDone.incrementAndGet();
                progress.update(filesDone.get(), bytesDone.get(), plan.files, plan.bytes);
            } catch (PosixException e) {
                if (e.isNoSpace()) {
                    diskFull.set(true);
                }
                failUnlessStopped(path, e);
            } catch (IOException | BlobReadException e) {
                failUnlessStopped(path, e);
            } catch (RuntimeException e) {
                // A bug: the walk rethrows it once every entry is done.
                file.written().completeExceptionally(e);
            } finally {
                inFlight.release();
                if (of.unwritten.decrementAndGet() == 0 && of.holdsSlot) {
                    batchSlots.release();
                }
                file.written().complete(null);
            }
        }

        void special(DirHandle dir, Node node, byte[] path) throws IOException {
            if (Entries.makeSpecial(dir, node, path, metadata)) {
                others.incrementAndGet();
                metadata.applyByName(dir, node, path);
            }
        }

        /** Records a failed write, unless the interruption of the restore caused it. */
        private void failUnlessStopped(byte[] path, Exception e) {
            if (!stopped.get()) {
                failed.add(path, e);
            }
        }

        void link(byte[] first, byte[] path) {
            if (stopped.get()) {
                return;
            }
            try {
                Entries.hardLink(targetDir, first, path);
                filesDone.incrementAndGet();
            } catch (IOException e) {
                failed.add(path, "linking it to " + PathNames.display(first) + " failed: "
                        + e.getMessage(), false);
            }
        }

        RestoreSummary summary() {
            return new RestoreSummary(filesDone.get(), directories.get(), others.get(),
                    bytesWritten.get(), failed.all(), failed.damaged(), metadata.warnings());
        }
    }
}
