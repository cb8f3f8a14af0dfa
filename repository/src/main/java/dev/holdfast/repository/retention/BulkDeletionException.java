package dev.holdfast.repository.retention;

import dev.holdfast.repository.RepositoryException;

/** A deletion stopped by the bulk-deletion guard; nothing was written or deleted. */
public final class BulkDeletionException extends RepositoryException {
    private final BulkDeletionGuard.Verdict verdict;

    public BulkDeletionException(BulkDeletionGuard.Verdict verdict, String message) {
        super(Reason.GENERAL, message);
        this.verdict = verdict;
    }

    public BulkDeletionGuard.Verdict verdict() {
        return verdict;
    }
}
