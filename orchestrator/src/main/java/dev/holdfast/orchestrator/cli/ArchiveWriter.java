package dev.holdfast.orchestrator.cli;

import dev.holdfast.repository.Entry;
import dev.holdfast.repository.RepositoryException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * Writes snapshot entries as an archive stream, for {@code holdfast dump --archive}. Entries
 * arrive in walk order, each folder before its contents, and file content is read only while
 * its entry is written, so memory stays small whatever the size of the tree.
 */
interface ArchiveWriter {
    /** Archive formats that dump can write. */
    enum Format {
        TAR,
        ZIP
    }

    /** Opens the content of a regular file when, and only when, the writer needs it. */
    @FunctionalInterface
    interface Content {
        InputStream open() throws RepositoryException;
    }

    /**
     * Adds one entry under {@code name}, raw path bytes relative to the archive root. Entries
     * the format cannot hold are skipped with a message to {@code warnings}.
     */
    void add(Entry entry, byte[] name, Content content) throws IOException, RepositoryException;

    /** Writes the end of the archive and flushes; the underlying stream stays open. */
    void finish() throws IOException;

    static ArchiveWriter open(Format format, OutputStream out, Consumer<String> warnings) {
        OutputStream kept = keepOpen(out);
        return switch (format) {
            case TAR -> new TarWriter(kept, warnings);
            case ZIP -> new ZipWriter(kept, warnings);
        };
    }

    /** Wraps standard output so that closing an archive stream does not close it. */
    private static OutputStream keepOpen(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }
}
