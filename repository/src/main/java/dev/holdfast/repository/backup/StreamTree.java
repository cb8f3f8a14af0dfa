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
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the tree of a stream backup: one folder holding one regular file per stream, in
 * subfolders where a stream's name has several path elements. The
 * streams have no file system entry, so their nodes get the backup's user and group, mode 0600
 * (a dump contains everything in the database) and the time each stream was opened.
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
        requireElement("folder", request.folder(), request.folder());
        if (request.files().isEmpty()) {
            throw new RepositoryException(Reason.GENERAL, "nothing to back up: source \""
                    + request.label() + "\" produced no streams");
        }
        Set<String> files = new HashSet<>();
        Set<String> folders = new HashSet<>();
        for (StreamFile file : request.files()) {
            String name = file.name();
            String[] elements = name == null ? new String[] {null} : name.split("/", -1);
            for (String element : elements) {
                requireElement("stream", element, name);
            }
            for (int i = 1; i < elements.length; i++) {
                folders.add(String.join("/", Arrays.copyOf(elements, i)));
            }
            if (!files.add(name)) {
                throw new RepositoryException(Reason.GENERAL, "two streams of \""
                        + request.label() + "\" share the name \"" + name + "\"");
            }
        }
        for (String file : files) {
            if (folders.contains(file)) {
                throw new RepositoryException(Reason.GENERAL, "stream \"" + file + "\" of \""
                        + request.label() + "\" is also the folder of another stream");
            }
        }
    }

    private static void requireElement(String what, String element, String name)
            throws RepositoryException {
        if (element == null || element.isEmpty() || element.equals(".") || element.equals("..")
                || element.indexOf('/') >= 0 || element.indexOf('\0') >= 0) {
            throw new RepositoryException(Reason.GENERAL, "invalid " + what + " name \"" + name
                    + "\": give path elements separated by '/', none empty, . or ..");
        }
    }

    /** A folder being built: its entries in the order they were first named. */
    private static final class Folder {
        private final Map<String, Object> entries = new LinkedHashMap<>();

        Folder folder(String name) {
            return (Folder) entries.computeIfAbsent(name, key -> new Folder());
        }
    }

    /** Reads every stream, in order, and returns the root tree's ID. */
    BlobId store(StreamBackupRequest request) throws IOException, BackupFailedException {
        Folder top = new Folder();
        for (StreamFile file : request.files()) {
            String[] elements = file.name().split("/");
            Folder parent = top;
            for (int i = 0; i < elements.length - 1; i++) {
                parent = parent.folder(elements[i]);
            }
            String name = elements[elements.length - 1];
            parent.entries.put(name, read(request.folder(), file, name));
        }
        Node folder = storeFolder(request.folder(), top);
        return sink.store(TreeCodec.encode(List.of(folder)), BlobType.TREE);
    }

    private Node storeFolder(String name, Folder folder) throws BackupFailedException {
        List<Node> nodes = new ArrayList<>();
        for (Map.Entry<String, Object> entry : folder.entries.entrySet()) {
            nodes.add(entry.getValue() instanceof Folder child
                    ? storeFolder(entry.getKey(), child) : (Node) entry.getValue());
        }
        stats.directories.incrementAndGet();
        return node(name, EntryType.DIRECTORY, FOLDER_MODE, clock.instant())
                .withSubtree(sink.store(TreeCodec.encode(nodes), BlobType.TREE));
    }

    private Node read(String folder, StreamFile file, String name)
            throws IOException, BackupFailedException {
        Instant opened = clock.instant();
        String path = "/" + folder + "/" + file.name();
        stats.filesSeen.incrementAndGet();
        List<ContentPart> parts = new ArrayList<>();
        long size;
        try (InputStream in = file.open()) {
            ChunkStream chunks = new ChunkStream(chunker, in::read);
            for (int length = chunks.advance(); length >= 0; length = chunks.advance()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new BackupFailedException("reading " + path + " stopped, because the "
                            + "backup stopped", null);
                }
                parts.add(ContentPart.blob(sink.store(chunks.buffer(), chunks.chunkOffset(),
                        length, BlobType.DATA)));
                stats.bytesDone.addAndGet(length);
                stats.bytesRead.addAndGet(length);
                stats.bytesSeen.addAndGet(length);
            }
            size = chunks.position();
        } catch (IOException e) {
            throw new IOException(path + ": " + e.getMessage(), e);
        }
        stats.filesNew.incrementAndGet();
        stats.filesDone.incrementAndGet();
        stats.files.incrementAndGet();
        stats.bytes.addAndGet(size);
        return node(name, EntryType.FILE, FILE_MODE, opened).withContent(parts, size, false);
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
