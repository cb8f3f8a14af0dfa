package dev.holdfast.orchestrator.cli;

import dev.holdfast.repository.Entry;
import dev.holdfast.repository.EntryType;
import dev.holdfast.repository.RepositoryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a tar stream with permissions, owners, times and symbolic links. Names are written
 * as ISO-8859-1, which maps each char to one byte, so a name that is not valid UTF-8 keeps its
 * exact bytes. Long names use GNU long-name records. Sub-second times, and numbers too large
 * for the classic header, use PAX records.
 *
 * <p>NOTE: Commons Compress 1.28 writes PAX times to 100 ns, so the last two digits of a
 * nanosecond time are lost in the archive.
 */
final class TarWriter implements ArchiveWriter {
    private final TarArchiveOutputStream tar;
    private final Consumer<String> warnings;

    TarWriter(OutputStream out, Consumer<String> warnings) {
        this.tar = new TarArchiveOutputStream(out, StandardCharsets.ISO_8859_1.name());
        this.tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
        this.tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        this.warnings = warnings;
    }

    @Override
    public void add(Entry entry, byte[] name, Content content)
            throws IOException, RepositoryException {
        TarArchiveEntry header = header(entry, bytesAsChars(name));
        if (header == null) {
            warnings.accept("skipped " + entry.displayPath() + ": a tar archive cannot hold a "
                    + entry.type().label() + " without its device numbers");
            return;
        }
        header.setMode(entry.mode() & 07777);
        header.setLastModifiedTime(FileTime.from(entry.modified()));
        header.setUserId(entry.uid());
        header.setGroupId(entry.gid());
        header.setUserName(entry.user() == null ? "" : entry.user());
        header.setGroupName(entry.group() == null ? "" : entry.group());
        tar.putArchiveEntry(header);
        if (entry.type() == EntryType.FILE) {
            try (InputStream in = content.open()) {
                in.transferTo(tar);
            }
        }
        tar.closeArchiveEntry();
    }

    /** Returns the header for the entry's type, or null for types tar cannot hold here. */
    private static TarArchiveEntry header(Entry entry, String name) {
        return switch (entry.type()) {
            case DIRECTORY -> new TarArchiveEntry(name + "/", TarConstants.LF_DIR);
            case FILE -> {
                TarArchiveEntry file = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
                file.setSize(entry.size());
                yield file;
            }
            case SYMLINK -> {
                TarArchiveEntry link = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
                link.setLinkName(bytesAsChars(entry.linkTarget()));
                yield link;
            }
            case FIFO -> new TarArchiveEntry(name, TarConstants.LF_FIFO);
            // Entry records no device numbers, and tar has no type for sockets.
            case CHAR_DEVICE, BLOCK_DEVICE, SOCKET -> null;
        };
    }

    @Override
    public void finish() throws IOException {
        tar.close();
    }

    private static String bytesAsChars(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
