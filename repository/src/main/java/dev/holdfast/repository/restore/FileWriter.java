package dev.holdfast.repository.restore;

import dev.holdfast.repository.index.BlobLoader;
import dev.holdfast.repository.index.BlobReadException;
import dev.holdfast.repository.index.IndexEntry;
import dev.holdfast.repository.pack.BlobId;
import dev.holdfast.repository.pack.BlobType;
import dev.holdfast.repository.posix.DirHandle;
import dev.holdfast.repository.posix.FileHandle;
import dev.holdfast.repository.tree.ContentPart;
import dev.holdfast.repository.tree.Node;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.LongConsumer;

/**
 * Writes one file: content into a temporary file in the target folder, holes skipped so they
 * stay unallocated, metadata applied, then a rename onto the real name.
 */
final class FileWriter {
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Plaintext bytes of the blobs that writers read one by one at the same time. Each read
     * keeps the sealed bytes, the opened frame and the plaintext, up to 8 MiB each, so four
     * writers on large blobs could keep 100 MiB in memory without this bound.
     */
    private static final int LOAD_BUDGET = 8 * 1024 * 1024;

    private final BlobLoader blobs;
    private final Metadata metadata;
    private final Semaphore loadBudget = new Semaphore(LOAD_BUDGET);

    FileWriter(BlobLoader blobs, Metadata metadata) {
        this.blobs = blobs;
        this.metadata = metadata;
    }

    static byte[] temporaryName() {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return (".holdfast-" + HexFormat.of().formatHex(random) + ".tmp").getBytes();
    }

    /**
     * Writes {@code node} as {@code node.name()} in {@code dir} and returns the content bytes
     * written, which leave out the holes. Blobs found in {@code ready} are not read again.
     */
    long write(DirHandle dir, Node node, byte[] path, Map<BlobId, byte[]> ready, LongConsumer progress)
            throws IOException, BlobReadException {
        byte[] temporary = temporaryName();
        boolean done = false;
        try (FileHandle file = dir.create(temporary, 0600)) {
            long written = writeContent(file, node, ready, progress);
            long position = written + Plan.holes(node);
            if (position != node.size()) {
                throw new IOException("content adds up to " + position + " bytes, the snapshot records "
                        + node.size());
            }
            if (!node.content().isEmpty() && node.content().getLast().isHole()) {
                file.truncate(node.size()); // a trailing hole is never written, only sized
            }
            metadata.applyToFile(file, node);
            dir.rename(temporary, node.name());
            done = true;
            metadata.applyXattrs(dir, node, path);
            return written;
        } finally {
            if (!done) {
                removeQuietly(dir, temporary);
            }
        }
    }

    /** Writes the content parts of {@code node} and returns the bytes written. */
    private long writeContent(FileHandle file, Node node, Map<BlobId, byte[]> ready,
            LongConsumer progress) throws IOException, BlobReadException {
        long position = 0;
        long written = 0;
        for (ContentPart part : node.content()) {
            if (part.isHole()) {
                position += part.holeLength();
                progress.accept(part.holeLength());
                continue;
            }
            byte[] data = ready.get(part.blob());
            int length;
            if (data != null) {
                file.write(position, data, 0, data.length);
                length = data.length;
            } else {
                length = writeLoaded(file, position, part);
            }
            position += length;
            written += length;
            progress.accept(length);
        }
        return written;
    }

    /** Reads a blob that the batch did not read, within the shared budget, and writes it. */
    private int writeLoaded(FileHandle file, long position, ContentPart part)
            throws IOException, BlobReadException {
        IndexEntry entry = blobs.index().lookup(part.blob());
        int cost = entry == null ? 0 : Math.min(entry.blob().plainLength(), LOAD_BUDGET);
        loadBudget.acquireUninterruptibly(cost);
        try {
            byte[] data = blobs.load(part.blob(), BlobType.DATA);
            file.write(position, data, 0, data.length);
            return data.length;
        } finally {
            loadBudget.release(cost);
        }
    }

    private static void removeQuietly(DirHandle dir, byte[] name) {
        try {
            dir.unlink(name);
        } catch (IOException e) {
            // The temporary file may not exist; the restore reports the file as failed either way.
        }
    }
}
