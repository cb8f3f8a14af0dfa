package dev.holdfast.repository.backup;

import dev.holdfast.crypto.Keyring;
import dev.holdfast.repository.BackupRequest;
import dev.holdfast.repository.BackupSummary;
import dev.holdfast.repository.Progress;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.RepositoryException.Reason;
import dev.holdfast.repository.SnapshotInfo;
import dev.holdfast.repository.StreamBackupRequest;
import dev.holdfast.repository.chunker.Chunker;
import dev.holdfast.repository.chunker.ChunkerParameters;
import dev.holdfast.repository.chunker.GearTable;
import dev.holdfast.repository.index.BlobLoader;
import dev.holdfast.repository.index.Index;
import dev.holdfast.repository.objects.ObjectStore;
import dev.holdfast.repository.pack.BlobId;
import dev.holdfast.repository.pack.BlobType;
import dev.holdfast.repository.posix.DirHandle;
import dev.holdfast.repository.posix.FileStat;
import dev.holdfast.repository.snapshot.AuditAnchor;
import dev.holdfast.repository.snapshot.Snapshot;
import dev.holdfast.repository.snapshot.SnapshotStore;
import dev.holdfast.repository.tree.Node;
import dev.holdfast.repository.tree.TreeCodec;
import dev.holdfast.repository.tree.TreeWalker;
import dev.holdfast.storage.StorageException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Backs up file trees into one snapshot. Each source becomes an entry of the snapshot's root
 * named by the source's last path component. Blobs, then index files, then the snapshot are
 * written, so a backup killed at any point leaves only unreferenced packs behind.
 */
public final class Archiver {
    /**
     * Plaintext bytes handed to the blob sink and not yet packed; bounded so memory stays flat.
     * Twice the largest chunk lets both blob workers take one.
     */
    private static final int BLOB_BUDGET = 16 * 1024 * 1024;

    private final ObjectStore store;
    private final Keyring keyring;
    private final Index index;
    private final BlobLoader blobs;
    private final int compressionLevel;
    private final int packTarget;
    private final ChunkerParameters chunking;
    private final Supplier<List<String>> underReplicated;
    private final Clock clock;
    private final AuditHead auditHead;

    /** Reads the newest audit entry, which the snapshot records. */
    @FunctionalInterface
    public interface AuditHead {
        /** Returns the newest entry, or null when the repository has no audit trail yet. */
        AuditAnchor read() throws StorageException;
    }

    /**
     * @param underReplicated returns the keys written below the full copy count since the
     *     backup started; consulted before the snapshot is written
     * @param clock gives the snapshot's time
     */
    public Archiver(ObjectStore store, Keyring keyring, Index index, BlobLoader blobs, int compressionLevel,
            int packTarget, ChunkerParameters chunking, Supplier<List<String>> underReplicated,
            Clock clock) {
        this(store, keyring, index, blobs, compressionLevel, packTarget, chunking,
                underReplicated, clock, () -> null);
    }

    /**
     * Creates an archiver whose snapshots record the newest audit entry that
     * {@code auditHead} reads just before the snapshot is written.
     */
    public Archiver(ObjectStore store, Keyring keyring, Index index, BlobLoader blobs,
            int compressionLevel, int packTarget, ChunkerParameters chunking,
            Supplier<List<String>> underReplicated, Clock clock, AuditHead auditHead) {
        this.auditHead = auditHead;
        this.underReplicated = underReplicated;
        this.clock = clock;
        this.store = store;
        this.keyring = keyring;
        this.index = index;
        this.blobs = blobs;
        this.compressionLevel = compressionLevel;
        this.packTarget = packTarget;
        this.chunking = chunking;
    }

    public BackupSummary run(BackupRequest request, List<SnapshotInfo> existing, Progress progress)
            throws RepositoryException {
        List<Source> sources = sources(request.sources());
        Excludes excludes = excludes(request, sources);
        List<String> paths = sources.stream().map(Source::given).toList();
        SnapshotInfo parent = parent(request.parentSnapshot(), request.host(), paths, existing);
        Header header = new Header(request.host(), paths, request.tags(), parent);
        return archive(header, progress, pipeline -> {
            TreeWalker trees = new TreeWalker(blobs.withSmallTreeCache());
            List<Node> parentRoot = parent == null ? List.of() : parentRoot(trees, parent);
            Walker walker = new Walker(pipeline.sink(), new FileReader(pipeline.chunker(),
                    pipeline.sink()), pipeline.fileWorkers(), trees, pipeline.stats(), excludes);
            return walkSources(walker, pipeline.sink(), sources, parentRoot);
        });
    }

    /**
     * Backs up {@code request}'s streams into one snapshot. Every stream is read to its end
     * and closed before the snapshot is written, so a producer that fails at its close leaves
     * no snapshot.
     */
    public BackupSummary run(StreamBackupRequest request, List<SnapshotInfo> existing,
            Progress progress) throws RepositoryException {
        StreamTree.validate(request);
        List<String> paths = List.of(request.label());
        SnapshotInfo parent = parent(null, request.host(), paths, existing);
        Header header = new Header(request.host(), paths, request.tags(), parent);
        return archive(header, progress, pipeline -> new StreamTree(pipeline.chunker(),
                pipeline.sink(), pipeline.stats(), clock).store(request));
    }

    /** The fields a snapshot records besides its tree and counts. */
    private record Header(String host, List<String> paths, List<String> tags,
            SnapshotInfo parent) {
    }

    /** The parts of a running backup that store what is read. */
    record Pipeline(Chunker chunker, BlobSink sink, Stats stats, ExecutorService fileWorkers) {
    }

    /** Reads a backup's sources and returns its root tree. */
    @FunctionalInterface
    private interface RootWriter {
        BlobId write(Pipeline pipeline) throws RepositoryException, BackupFailedException,
                InterruptedException, IOException;
    }

    private BackupSummary archive(Header header, Progress progress, RootWriter rootWriter)
            throws RepositoryException {
        Instant start = Instant.now();
        Instant snapshotTime = clock.instant();
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        Packer packer = new Packer(store, keyring, index, packTarget);
        BlobSink sink = new BlobSink(keyring, index, packer, compressionLevel, threads,
                Math.max(BLOB_BUDGET, chunking.max() * 2));
        Stats stats = new Stats(progress);
        ExecutorService fileWorkers = Executors.newFixedThreadPool(threads,
                Thread.ofPlatform().name("file-", 0).daemon().factory());
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("progress").daemon().factory());
        reporter.scheduleAtFixedRate(stats::report, 200, 200, TimeUnit.MILLISECONDS);
        try {
            Chunker chunker = new Chunker(chunking, GearTable.derive(keyring.chunkerSeed()));
            BlobId root = rootWriter.write(new Pipeline(chunker, sink, stats, fileWorkers));
            sink.drain();
            packer.flush();
            stats.report();
            boolean belowFullCopies = !underReplicated.get().isEmpty();
            Snapshot snapshot = snapshot(header, root, stats, snapshotTime, belowFullCopies,
                    auditHead.read());
            String id = new SnapshotStore(store, keyring).write(snapshot);
            return new BackupSummary(id, stats.filesNew.get(), stats.filesChanged.get(),
                    stats.filesUnchanged.get(), stats.directories.get(), stats.bytesRead.get(),
                    packer.bytesUploaded(), packer.blobsAdded(), stats.changedPaths(), stats.warnings(),
                    Duration.between(start, Instant.now()), underReplicated.get());
        } catch (BackupFailedException | IOException e) {
            throw new RepositoryException(Reason.GENERAL, "backup failed, no snapshot was written: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RepositoryException(Reason.INTERRUPTED, "backup interrupted, no snapshot "
                    + "was written", e);
        } finally {
            reporter.shutdownNow();
            fileWorkers.shutdownNow();
            closeQuietly(sink);
            packer.close();
        }
    }

    private static void closeQuietly(BlobSink sink) {
        try {
            sink.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A source split into the folder that contains it and its own name, both raw bytes. */
    record Source(String given, byte[] folder, byte[] name) {
    }

    static List<Source> sources(List<Path> paths) throws RepositoryException {
        if (paths == null || paths.isEmpty()) {
            throw new RepositoryException(Reason.GENERAL, "nothing to back up: give at least one path");
        }
        Charset charset = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        List<Source> sources = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Path path : paths) {
            Path absolute = path.toAbsolutePath().normalize();
            Path parent = absolute.getParent();
            if (parent == null || absolute.getFileName() == null) {
                throw new RepositoryException(Reason.GENERAL, "cannot back up \"" + path
                        + "\" as a whole: name the folders below it instead");
            }
            String name = absolute.getFileName().toString();
            if (!names.add(name)) {
                throw new RepositoryException(Reason.GENERAL, "two sources share the name \"" + name
                        + "\"; back them up in separate snapshots");
            }
            sources.add(new Source(absolute.toString(), parent.toString().getBytes(charset),
                    name.getBytes(charset)));
        }
        return sources;
    }

    private static Excludes excludes(BackupRequest request, List<Source> sources)
            throws RepositoryException {
        List<String> patterns = request.excludes() == null ? List.of() : request.excludes();
        for (String pattern : patterns) {
            Optional<String> problem = Excludes.problem(pattern);
            if (problem.isPresent()) {
                throw new RepositoryException(Reason.GENERAL, "invalid exclude pattern \""
                        + pattern + "\": " + problem.get());
            }
        }
        return new Excludes(patterns, sources);
    }

    private static SnapshotInfo parent(String given, String host, List<String> paths,
            List<SnapshotInfo> existing) throws RepositoryException {
        if (given != null) {
            return existing.stream().filter(s -> s.id().startsWith(given)).findFirst()
                    .orElseThrow(() -> new RepositoryException(Reason.NOT_FOUND, "parent snapshot \""
                            + given + "\" not found; list them with `holdfast snapshots`"));
        }
        List<String> sorted = paths.stream().sorted().toList();
        SnapshotInfo newest = null;
        for (SnapshotInfo s : existing) {
            if (s.host().equals(host) && s.paths().stream().sorted().toList().equals(sorted)) {
                newest = s;
            }
        }
        return newest;
    }

    private List<Node> parentRoot(TreeWalker trees, SnapshotInfo parent) {
        try {
            return trees.tree(new SnapshotStore(store, keyring).rootTree(parent.id()));
        } catch (RepositoryException e) {
            return List.of();
        }
    }

    private static BlobId walkSources(Walker walker, BlobSink sink, List<Source> sources, List<Node> parentRoot)
            throws RepositoryException, BackupFailedException, InterruptedException {
        List<CompletableFuture<Node>> roots = new ArrayList<>();
        List<DirHandle> folders = new ArrayList<>();
        boolean walked = false;
        try {
            for (Source source : sources) {
                DirHandle folder = openSourceFolder(source);
                folders.add(folder);
                FileStat stat = statSource(folder, source);
                Node previous = parentRoot.stream().filter(n -> Arrays.equals(n.name(), source.name()))
                        .findFirst().orElse(null);
                roots.add(walker.entry(folder, source.name(), stat, TreeWalker.child(new byte[0],
                        source.name()), previous));
            }
            List<Node> nodes = new ArrayList<>();
            for (CompletableFuture<Node> root : roots) {
                Node node = root.get();
                if (node != null) {
                    nodes.add(node);
                }
            }
            walked = true;
            return sink.store(TreeCodec.encode(nodes), BlobType.TREE);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BackupFailedException failed) {
                throw failed;
            }
            if (e.getCause() instanceof Error error) {
                throw new BackupFailedException("a file worker failed: " + error, error);
            }
            throw new CompletionException(e.getCause());
        } finally {
            if (!walked) {
                walker.stop();
            }
            folders.forEach(DirHandle::close);
        }
    }

    private static DirHandle openSourceFolder(Source source) throws RepositoryException {
        try {
            return DirHandle.open(source.folder());
        } catch (IOException e) {
            throw new RepositoryException(Reason.NOT_FOUND, "source \"" + source.given()
                    + "\" cannot be read: " + e.getMessage());
        }
    }

    private static FileStat statSource(DirHandle folder, Source source) throws RepositoryException {
        try {
            return folder.stat(source.name());
        } catch (IOException e) {
            throw new RepositoryException(Reason.NOT_FOUND, "source \"" + source.given()
                    + "\" does not exist or cannot be read: " + e.getMessage());
        }
    }

    private static Snapshot snapshot(Header header, BlobId root, Stats stats, Instant start,
            boolean underReplicated, AuditAnchor audit) {
        List<String> changed = stats.changedPaths();
        List<String> warnings = stats.warnings().stream().map(BackupSummary.Warning::toString)
                .toList();
        return new Snapshot(1, start.toString(), header.host(), System.getProperty("user.name"),
                header.paths(), header.tags() == null ? List.of() : header.tags(),
                header.parent() == null ? null : header.parent().id(), root.toBytes(),
                stats.files.get(), stats.bytes.get(), !changed.isEmpty() || !warnings.isEmpty(),
                limit(changed), limit(warnings), underReplicated, audit);
    }

    private static List<String> limit(List<String> items) {
        return items.size() <= Snapshot.MAX_LISTED ? items : items.subList(0, Snapshot.MAX_LISTED);
    }
}
