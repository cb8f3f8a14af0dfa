package dev.holdfast.storage.filesystem;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder {@code .tmp/} under the root, where each put writes its bytes before publishing
 * them. A crashed writer leaves its temporary file behind; the provider removes such files
 * once they are older than {@link #STALE_AFTER}.
 */
final class TempFolder {
    /**
     * Age after which a temporary file counts as abandoned. Another process sharing the root
     * may be writing one right now; an hour is far longer than any single put takes.
     */
    static final Duration STALE_AFTER = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(TempFolder.class);

    private final String providerName;
    private final Path folder;

    TempFolder(String providerName, Path folder) {
        this.providerName = providerName;
        this.folder = folder;
    }

    Path path() {
        return folder;
    }

    /**
     * Creates the folder if needed and removes abandoned files. Failures are logged, not
     * thrown, so that a read-only root can still be opened for reading.
     */
    void prepare(Instant now) {
        try {
            DurableFiles.createFolders(folder);
            removeFilesOlderThan(now.minus(STALE_AFTER));
        } catch (IOException e) {
            log.warn("provider={} cannot prepare the temporary folder {}, so puts will fail: {}",
                    providerName, folder, IoFailures.describe(e));
        }
    }

    /**
     * Writes the first {@code length} bytes of {@code data} to a new synced temporary file and
     * returns its path.
     */
    Path write(byte[] data, int length) throws IOException {
        Path temp = folder.resolve(UUID.randomUUID() + ".tmp");
        try {
            DurableFiles.writeNew(temp, data, length);
        } catch (NoSuchFileException e) {
            // Someone removed .tmp/ while the provider was open: recreate it and try once more.
            DurableFiles.createFolders(folder);
            writeOrDelete(temp, data, length);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw e;
        }
        return temp;
    }

    private void writeOrDelete(Path temp, byte[] data, int length) throws IOException {
        try {
            DurableFiles.writeNew(temp, data, length);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    /** Deletes {@code temp}; a failure only leaves a file for the next cleanup. */
    void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            log.warn("provider={} cannot delete temporary file {}; it is removed once older"
                    + " than {}: {}", providerName, temp, STALE_AFTER, IoFailures.describe(e));
        }
    }

    private void removeFilesOlderThan(Instant cutoff) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                BasicFileAttributes attributes = Files.readAttributes(
                        file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                boolean stale = attributes.lastModifiedTime().toInstant().isBefore(cutoff);
                if (stale && attributes.isRegularFile() && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        }
        if (removed > 0) {
            log.info("provider={} removed {} temporary files older than {} from {}",
                    providerName, removed, STALE_AFTER, folder);
        }
    }
}
