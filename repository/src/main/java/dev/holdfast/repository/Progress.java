package dev.holdfast.repository;

/**
 * Receives progress of a long operation. Called from worker threads; implementations must be
 * thread-safe and fast. The totals may grow while the operation runs.
 */
public interface Progress {
    Progress NONE = new Progress() { };

    /** Files and bytes done so far out of the totals known so far (-1 when unknown). */
    default void update(long filesDone, long bytesDone, long filesTotal, long bytesTotal) {
    }

    /** Reports a non-fatal problem with one path, such as a file that vanished or could not be read. */
    default void warning(String path, String message) {
    }

    /**
     * Reports that a backup listed the folder at {@code path} and is about to visit its entries.
     * Called on the thread that walks the source, so the walk waits while this runs.
     */
    default void folderListed(String path) {
    }
}
