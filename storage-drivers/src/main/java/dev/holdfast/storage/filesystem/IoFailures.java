package dev.holdfast.storage.filesystem;

import dev.holdfast.storage.StorageException.Kind;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import java.util.Map;

/**
 * The classification of file system errors into the kinds a caller acts on, and their
 * description in plain words for messages.
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
public final class IoFailures {
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

    /** Plain words for the error texts of Linux glibc that name a directory. */
    private static final Map<String, String> REWORDED = Map.of(
            "Is a directory", "is a folder",
            "Not a directory", "a part of the path is not a folder",
            "Directory not empty", "the folder is not empty");

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

    /**
     * Describes {@code e} for a message: what went wrong in plain words, then the file when the
     * error names one, such as {@code permission denied: "/srv/repo/keys"}.
     */
    static String describe(IOException e) {
        if (e instanceof KeyConflictException) {
            return e.getMessage();
        }
        String file = e instanceof FileSystemException named ? named.getFile() : null;
        return file == null ? reason(e) : reason(e) + ": \"" + file + "\"";
    }

    /**
     * Returns what went wrong in {@code e} in plain words, such as "permission denied" or "not
     * a folder", without the exception's class name or the file, for a message that names the
     * file itself.
     */
    public static String reason(IOException e) {
        return switch (e) {
            case AccessDeniedException denied -> "permission denied";
            case NoSuchFileException missing -> "no such file or folder";
            case NotDirectoryException notFolder -> "not a folder";
            case FileAlreadyExistsException exists -> "a file or folder of that name exists";
            case DirectoryNotEmptyException notEmpty -> "the folder is not empty";
            case FileSystemException other when other.getReason() != null ->
                    words(other.getReason());
            case ClosedByInterruptException interrupted -> "interrupted";
            default -> e.getMessage() == null ? "input/output error" : words(e.getMessage());
        };
    }

    /** Rewords an operating system's error text as the rest of a sentence. */
    private static String words(String text) {
        String reworded = REWORDED.get(text);
        if (reworded != null) {
            return reworded;
        }
        boolean capitalized = text.length() > 1 && Character.isUpperCase(text.charAt(0))
                && Character.isLowerCase(text.charAt(1));
        return capitalized ? Character.toLowerCase(text.charAt(0)) + text.substring(1) : text;
    }
}
