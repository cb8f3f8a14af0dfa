package dev.holdfast.storage.filesystem;

import dev.holdfast.storage.StorageException.Kind;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;

/**
 * The classification of file system errors into the kinds a caller acts on.
 *
 * <p>A failure is PERMANENT when the same request is bound to fail again until someone changes
 * the system: permissions, a read-only mount, a full disk or quota, a name the file system
 * rejects, a folder under the root that is another mount, or an object where a folder should
 * be. Everything else is TRANSIENT, such as an I/O error of a network file system, a stale
 * handle or running out of file descriptors, because a retry after a pause often succeeds and
 * a needless retry costs only time. The JDK reports most causes only through the text of the
 * operating system's error, so the reasons below are the Linux glibc {@code strerror} texts,
 * matched anywhere in the message.
 */
final class IoFailures {
    private static final List<String> PERMANENT_REASONS = List.of(
            "Read-only file system",
            "No space left on device",
            "Disk quota exceeded",
            "File too large",
            "File name too long",
            "Permission denied",
            "Operation not permitted",
            "Not a directory",
            "Is a directory",
            "Too many levels of symbolic links",
            "Invalid cross-device link");

    private IoFailures() {
    }

    static Kind kindOf(IOException e) {
        if (e instanceof NoSuchFileException) {
            return Kind.NOT_FOUND;
        }
        if (e instanceof AccessDeniedException || e instanceof KeyConflictException
                || e instanceof NotDirectoryException || e instanceof FileAlreadyExistsException
                || e instanceof DirectoryNotEmptyException) {
            return Kind.PERMANENT;
        }
        String message = e.getMessage();
        if (message != null && PERMANENT_REASONS.stream().anyMatch(message::contains)) {
            return Kind.PERMANENT;
        }
        return Kind.TRANSIENT;
    }

    /** Describes {@code e} for a message: the JDK's exception names tell which check failed. */
    static String describe(IOException e) {
        if (e instanceof KeyConflictException) {
            return e.getMessage();
        }
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + ": " + e.getMessage();
    }
}
