package dev.holdfast.repository.backup;

/** The backup cannot go on; nothing of it becomes a snapshot. */
final class BackupFailedException extends Exception {
    BackupFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
