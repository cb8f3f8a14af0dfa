package dev.holdfast.orchestrator.cli;

import dev.holdfast.repository.Entry;
import dev.holdfast.repository.PathNames;
import dev.holdfast.repository.RepositoryException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes a zip stream with Unix permissions, times and symbolic links. A link is an entry with
 * the link type in its Unix mode, and its content is the target. Zip64 records are added when
 * sizes need them.
 */
final class ZipWriter implements ArchiveWriter {
    private static final int TYPE_DIRECTORY = 0040000;
    private static final int TYPE_FILE = 0100000;
    private static final int TYPE_SYMLINK = 0120000;

    private final ZipArchiveOutputStream zip;
    private final Consumer<String> warnings;

    ZipWriter(OutputStream out, Consumer<String> warnings) {
        this.zip = new ZipArchiveOutputStream(out);
        this.zip.setEncoding(StandardCharsets.UTF_8.name());
        this.zip.setUseLanguageEncodingFlag(true);
        this.zip.setUseZip64(Zip64Mode.AsNeeded);
        this.warnings = warnings;
    }

    @Override
    public void add(Entry entry, byte[] name, Content content)
            throws IOException, RepositoryException {
        String text = zipName(name);
        switch (entry.type()) {
            case DIRECTORY -> write(entry, text + "/", TYPE_DIRECTORY | entry.mode(), null);
            case FILE -> {
                try (InputStream in = content.open()) {
                    write(entry, text, TYPE_FILE | entry.mode(), in);
                }
            }
            case SYMLINK -> write(entry, text, TYPE_SYMLINK | 0777,
                    new ByteArrayInputStream(entry.linkTarget()));
            case FIFO, SOCKET, CHAR_DEVICE, BLOCK_DEVICE -> warnings.accept("skipped "
                    + entry.displayPath() + ": a zip archive cannot hold a "
                    + entry.type().label());
        }
    }

    private void write(Entry entry, String name, int unixMode, InputStream data)
            throws IOException {
        ZipArchiveEntry header = new ZipArchiveEntry(name);
        header.setUnixMode(unixMode);
        header.setLastModifiedTime(FileTime.from(entry.modified()));
        if (entry.linkTarget() != null) {
            header.setSize(entry.linkTarget().length);
        } else if (data != null) {
            header.setSize(entry.size());
        }
        zip.putArchiveEntry(header);
        if (data != null) {
            data.transferTo(zip);
        }
        zip.closeArchiveEntry();
    }

    /**
     * Returns the entry name: the name itself when it is valid UTF-8, else the reversible
     * {@code \xNN} form, because every name here carries the zip UTF-8 flag and so must be
     * valid UTF-8.
     */
    private static String zipName(byte[] name) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(name)).toString();
        } catch (CharacterCodingException e) {
            return PathNames.display(name);
        }
    }

    @Override
    public void finish() throws IOException {
        zip.close();
    }
}
