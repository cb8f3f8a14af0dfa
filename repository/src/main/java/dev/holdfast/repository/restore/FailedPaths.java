package dev.holdfast.repository.restore;

import dev.holdfast.repository.PathNames;
import dev.holdfast.repository.Progress;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.RepositoryException.Reason;
import dev.holdfast.repository.index.BlobReadException;
import dev.holdfast.storage.StorageException;
import java.util.ArrayList;
import java.util.List;

/**
 * The paths a restore could not restore completely, each with its reason. Thread-safe. It
 * counts apart the failures caused by damaged or missing repository data, because those call
 * for a check of the repository while the others (a full disk, a denied permission) call for a
 * fix of the target.
 */
final class FailedPaths {
    private final Progress progress;
    private final List<String> failed = new ArrayList<>();
    private long damaged;

    FailedPaths(Progress progress) {
        this.progress = progress;
    }

    /** Records that {@code path} was not restored because of {@code error}. */
    void add(byte[] path, Exception error) {
        add(path, error.getMessage(), isDamage(error));
    }

    /** Records that {@code path} was not restored, for {@code reason}. */
    void add(byte[] path, String reason, boolean damage) {
        String display = PathNames.display(path);
        synchronized (this) {
            failed.add(display + ": " + reason);
            if (damage) {
                damaged++;
            }
        }
        progress.warning(display, "not restored: " + reason);
    }

    synchronized List<String> all() {
        return List.copyOf(failed);
    }

    synchronized long damaged() {
        return damaged;
    }

    /**
     * Returns whether {@code error} means that repository data is damaged or missing. A blob
     * that the provider failed to return for another reason, such as a timeout, is not damage.
     */
    static boolean isDamage(Exception error) {
        return switch (error) {
            case BlobReadException blob -> !(blob.getCause() instanceof StorageException storage)
                    || storage.kind() == StorageException.Kind.NOT_FOUND
                    || storage.kind() == StorageException.Kind.DAMAGED;
            case RepositoryException repository when repository.getCause()
                    instanceof BlobReadException blob -> isDamage(blob);
            case RepositoryException repository -> repository.reason() == Reason.DAMAGED_DATA
                    || repository.reason() == Reason.NOT_FOUND;
            default -> false;
        };
    }
}
