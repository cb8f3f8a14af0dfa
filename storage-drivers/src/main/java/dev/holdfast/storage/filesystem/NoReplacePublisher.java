package dev.holdfast.storage.filesystem;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a finished temporary file its final name unless that name exists, atomically.
 *
 * <p>A hard link is the primitive: link(2) fails with EEXIST when the target exists, so two
 * writers racing on one key cannot both win, and the old object is never replaced. Where the
 * file system has no hard links (FAT, some network shares), it falls back to a rename that
 * checks for the target first.
 */
final class NoReplacePublisher {
    private static final Logger log = LoggerFactory.getLogger(NoReplacePublisher.class);
    private static final int LOCK_STRIPES = 64;

    private final String providerName;
    private final Object[] moveLocks = new Object[LOCK_STRIPES];
    private volatile boolean hardLinks;

    NoReplacePublisher(String providerName, boolean hardLinks) {
        this.providerName = providerName;
        this.hardLinks = hardLinks;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            moveLocks[i] = new Object();
        }
    }

    /**
     * Publishes {@code temp} as {@code target}. With hard links, {@code temp} stays and the
     * caller deletes it; after a move it is gone.
     *
     * @return true when published, false when {@code target} already existed
     */
    boolean publish(Path temp, Path target) throws IOException {
        if (hardLinks) {
            try {
                Files.createLink(target, temp);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException e) {
                stopUsingHardLinks(target, e.toString());
            } catch (FileSystemException e) {
                // link(2) fails with EPERM when the file system does not support hard links.
                if (!String.valueOf(e.getReason()).contains("Operation not permitted")) {
                    throw e;
                }
                stopUsingHardLinks(target, e.toString());
            }
        }
        return moveWithoutReplacing(temp, target);
    }

    private boolean moveWithoutReplacing(Path temp, Path target) throws IOException {
        // TODO: Files.move checks for the target and then renames, so two processes racing on
        // one key over a file system without hard links can both succeed, the later rename
        // replacing the earlier object. The lock makes the check and the rename atomic only
        // within this JVM; renameat2 with RENAME_NOREPLACE would close the gap.
        synchronized (moveLocks[Math.floorMod(target.hashCode(), LOCK_STRIPES)]) {
            try {
                Files.move(temp, target);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            }
        }
    }

    private void stopUsingHardLinks(Path target, String error) {
        if (hardLinks) {
            hardLinks = false;
            log.warn("provider={} hard links are not supported at {}, so puts fall back to a"
                    + " rename that checks for an existing object first: {}",
                    providerName, target.getParent(), error);
        }
    }
}
