package dev.holdfast.orchestrator.cli;

import dev.holdfast.repository.Entry;
import dev.holdfast.repository.PathNames;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.RepositoryException.Reason;

/**
 * Paths inside a snapshot as users type them: the reversible text form of {@link PathNames},
 * so that a name that {@code ls} printed with {@code \xNN} escapes can be pasted back.
 */
final class SnapshotPaths {
    private SnapshotPaths() {
    }

    /** Converts typed text to raw path bytes, absolute and without a trailing slash. */
    static byte[] parse(String text) {
        String path = text.startsWith("/") ? text : "/" + text;
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return PathNames.parse(path);
    }

    /** Returns the entry at {@code path}, or fails with {@link Reason#NOT_FOUND}. */
    static Entry stat(Repository repository, String snapshotId, byte[] path)
            throws RepositoryException {
        try {
            repository.walk(snapshotId, path, entry -> {
                throw new Found(entry);
            });
        } catch (RepositoryException e) {
            Found found = find(e);
            if (found == null) {
                throw e;
            }
            return found.entry;
        }
        throw new RepositoryException(Reason.NOT_FOUND, "path \"" + PathNames.display(path)
                + "\" not found in snapshot " + snapshotId + ": list it with holdfast ls");
    }

    /** Finds the stop signal even if the walk wrapped it into an exception of its own. */
    private static Found find(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof Found found) {
                return found;
            }
        }
        return null;
    }

    /** Stops a walk at its first entry, which is the entry at the walked path itself. */
    private static final class Found extends RepositoryException {
        private final transient Entry entry;

        Found(Entry entry) {
            super(Reason.GENERAL, "entry found");
            this.entry = entry;
        }
    }
}
