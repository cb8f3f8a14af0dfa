package dev.holdfast.orchestrator.restoretest;

import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.index.BlobReadException;
import dev.holdfast.restoretester.RestoreProblem;
import dev.holdfast.storage.StorageException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tells damaged or missing repository data apart from other failures, and names the object. */
final class Damage {
    /** The storage key of a pack, as {@code ObjectKind.PACK} forms it. */
    private static final Pattern PACK_KEY = Pattern.compile("data/[0-9a-f]{2}/[0-9a-f]{16,}");

    private Damage() {
    }

    /** Returns the damaged or missing object that {@code error} was caused by, or null. */
    static String object(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof BlobReadException blob && isDamage(blob)) {
                return blob.object();
            }
        }
        return error.getMessage() == null ? null : packKey(error.getMessage());
    }

    /** Returns whether {@code error} comes from repository data that is damaged or missing. */
    static boolean isDamage(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof BlobReadException blob) {
                return isDamage(blob);
            }
            if (cause instanceof RepositoryException repository) {
                return repository.reason() == RepositoryException.Reason.DAMAGED_DATA;
            }
        }
        return false;
    }

    /**
     * A blob that a provider failed to return for another reason than damage, such as a
     * timeout, is not damage: its pack may be sound.
     */
    private static boolean isDamage(BlobReadException blob) {
        return !(blob.getCause() instanceof StorageException storage)
                || storage.kind() == StorageException.Kind.NOT_FOUND
                || storage.kind() == StorageException.Kind.DAMAGED;
    }

    /**
     * Returns a problem from one line of {@code RestoreSummary.failed()}, which reads
     * "path: reason". A reason that names a pack is taken for damage of that pack.
     *
     * @param allDamaged whether the restore counted every failed path as damage
     */
    static RestoreProblem problem(String line, boolean allDamaged) {
        int colon = line.indexOf(": ");
        String path = colon < 0 ? line : line.substring(0, colon);
        // The restore names paths from the snapshot root, the tester from the target folder.
        path = path.startsWith("/") ? path.substring(1) : path;
        String reason = colon < 0 ? "not restored" : line.substring(colon + 2);
        String pack = packKey(reason);
        return new RestoreProblem(path, reason, allDamaged || pack != null, pack);
    }

    private static String packKey(String text) {
        Matcher matcher = PACK_KEY.matcher(text);
        return matcher.find() ? matcher.group() : null;
    }
}
