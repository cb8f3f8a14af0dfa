package dev.holdfast.repository.backup;

import dev.holdfast.repository.EntryType;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.RepositoryException.Reason;
import dev.holdfast.repository.StreamBackupRequest;
import dev.holdfast.repository.StreamFile;
import dev.holdfast.repository.chunker.ChunkStream;
import dev.holdfast.repository.chunker.Chunker;
import dev.holdfast.repository.pack.BlobId;
import dev.holdfast.repository.pack.BlobType;
import dev.holdfast.repository.posix.Accounts;
import dev.holdfast.repository.tree.ContentPart;
import dev.holdfast.repository.tree.Node;
import dev.holdfast.repository.tree.TreeCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the tree of a stream backup: one folder holding one regular file per stream. The
 * streams have no file system entry, so their nodes get the backup's user and group, mode 0600
 * (a dump holds everything the database holds) and the time each stream was opened.
 */
final class StreamTree {
    private static final int FILE_MODE = 0600;
    private static final int FOLDER_MODE = 0700;
    private static final Accounts ACCOUNTS = new Accounts();

    private final Chunker chunker;
    private final BlobSink sink;
    private final Stats stats;
    private final Clock clock;

    StreamTree(Chunker chunker, BlobSink sink, Stats stats, Clock clock) {
        this.chunker = chunker;
        this.sink = sink;
        this.stats = stats;
        this.clock = clock;
    }

    /** Rejects names that a tree cannot hold, before any producer starts. */
    static void validate(StreamBackupRequest request) throws RepositoryException {
        if (request.label() == null || request.label().isBlank()) {
            throw new RepositoryException(Reason.GENERAL, "a stream backup needs a label");
        }
        requireElement("folder", request.folder());
        if (request.files().isEmpty()) {
            throw new RepositoryException(Reason.GENERAL, "nothing to back up: source \""
                    + request.label() + "\" produced no streams");
        }
        Set<String> names = new HashSet<>();
        for (StreamFile file : request.files()) {
            requireElement("stream", file.name());
            if (!names.add(file.name())) {
                throw new RepositoryException(Reason.GENERAL, "two streams of \""
                        + request.label() + "\" share the name \"" + file.name() + "\"");
            }
        }
    }

    private static void requireElement(String what, String name) throws RepositoryException {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..")
                || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw new RepositoryException(Reason.GENERAL, "invalid " + what + " name \"" + name
                    + "\": give one path element without '/'");
        }
    }

    /** Reads every stream, in order, and returns the root tree's ID. */
    BlobId store(StreamBackupRequest request) throws IOException, BackupFailedException {
        List<Node> files = new ArrayList<>();
        for (StreamFile file : request.files()) {
            files.add(read(request.folder(), file));
        }
        Instant now = clock.instant();
        Node folder = node(request.folder(), EntryType.DIRECTORY, FOLDER_MODE, now)
                .withSubtree(sink.store(TreeCodec.encode(files), BlobType.TREE));
        stats.directories.incrementAndGet();
        return sink.store(TreeCodec.encode(List.of(folder)), BlobType.TREE);
    }

    private Node read(String folder, StreamFile file) throws IOException, BackupFailedException {
        Instant opened = clock.instant();
        String path = "/" + folder + "/" + file.name();
        stats.filesSeen.incrementAndGet();
        List<ContentPart> parts = new ArrayList<>();
        long size;
        try (InputStream in = file.open()) {
            ChunkStream chunks = new ChunkStream(chunker, in::read);
            for (byte[] chunk = chunks.next(); chunk != null; chunk = chunks.next()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new BackupFailedException("reading " + path + " stopped, because the "
                            + "backup stopped", null);
                }
                parts.add(ContentPart.blob(sink.store(chunk, BlobType.DATA)));
                stats.bytesDone.addAndGet(chunk.length);
                stats.bytesRead.addAndGet(chunk.length);
                stats.bytesSeen.addAndGet(chunk.length);
            }
            size = chunks.position();
        } catch (IOException e) {
            throw new IOException(path + ": " + e.getMessage(), e);
        }
        stats.filesNew.incrementAndGet();
        stats.filesDone.incrementAndGet();
        stats.files.incrementAndGet();
        stats.bytes.addAndGet(size);
        return node(file.name(), EntryType.FILE, FILE_MODE, opened).withContent(parts, size, false);
    }

    private static Node node(String name, EntryType type, int mode, Instant time) {
        int uid = Accounts.effectiveUid();
        int gid = Accounts.effectiveGid();
        long seconds = time.getEpochSecond();
        int nanos = time.getNano();
        return new Node(name.getBytes(StandardCharsets.UTF_8), type, mode, uid, gid,
                ACCOUNTS.userName(uid), ACCOUNTS.groupName(gid), seconds, nanos, seconds, nanos,
                seconds, nanos, 0, 0, 1, 0, 0, List.of(), null, null, List.of(), false);
    }
}
