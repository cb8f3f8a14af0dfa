package dev.holdfast.orchestrator.cli;

import dev.holdfast.repository.RepositoryException.Reason;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exit statuses of {@code holdfast}. Scripts depend on these numbers: never renumber one.
 * Every status is listed with its meaning in {@code holdfast --help}.
 */
public final class ExitCodes {
    /** The command did everything it was asked. */
    public static final int SUCCESS = 0;
    /** The command failed for a reason that has no status of its own. */
    public static final int FAILURE = 1;
    /** The command line or the configuration file is invalid, or no passphrase source exists. */
    public static final int USAGE = 2;
    /** The backup saved a snapshot, but some files were unreadable or changed while read. */
    public static final int PARTIAL_BACKUP = 3;
    /** No repository exists at the configured provider. */
    public static final int REPOSITORY_NOT_FOUND = 10;
    /** Another process holds a lock that the command needs. */
    public static final int REPOSITORY_LOCKED = 11;
    /** The passphrase matches no key slot, or the key slot is damaged. */
    public static final int WRONG_PASSPHRASE = 12;
    /**
     * Check or restore found damaged or missing data, providers or check found objects missing
     * or damaged on a provider, check found copies that break the placement rules, repair left
     * objects unrepaired, or copy found no sound copy of some objects.
     */
    public static final int DAMAGED_DATA = 13;
    /**
     * The bulk-deletion guard stopped the command: it would have deleted more than
     * {@code repository.bulk-deletion-share} of the repository, and nothing was written.
     */
    public static final int BULK_DELETION_STOPPED = 14;
    /**
     * The command must delete or forget, but a provider is append-only or the key slot in use
     * is append-only; nothing was changed.
     */
    public static final int APPEND_ONLY = 15;
    /**
     * A restore test ran and at least one of its checks failed: a snapshot could not be
     * restored, or what was restored differs from what the snapshot recorded.
     */
    public static final int RESTORE_TEST_FAILED = 16;
    /** The command was interrupted (SIGINT, Ctrl-C); 128 + 2 as shells report it. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }

    /** Returns every status with its meaning, in ascending order, for the help text. */
    static Map<String, String> descriptions() {
        Map<String, String> descriptions = new LinkedHashMap<>();
        descriptions.put(key(SUCCESS), "success");
        descriptions.put(key(FAILURE), "failure");
        descriptions.put(key(USAGE), "invalid command line or configuration, or no passphrase");
        descriptions.put(key(PARTIAL_BACKUP), "backup saved, but some files were unreadable or "
                + "changed while read");
        descriptions.put(key(REPOSITORY_NOT_FOUND), "repository not found");
        descriptions.put(key(REPOSITORY_LOCKED), "repository locked by another process");
        descriptions.put(key(WRONG_PASSPHRASE), "wrong passphrase or damaged key");
        descriptions.put(key(DAMAGED_DATA),
                "damaged, missing or misplaced data (check, restore, repair, copy)");
        descriptions.put(key(BULK_DELETION_STOPPED),
                "bulk deletion stopped, nothing deleted (--confirm-bulk-deletion)");
        descriptions.put(key(APPEND_ONLY), "refused: a provider or the key slot is append-only");
        descriptions.put(key(RESTORE_TEST_FAILED), "restore test failed: a check failed");
        descriptions.put(key(INTERRUPTED), "interrupted (SIGINT)");
        return descriptions;
    }

    /**
     * Maps the reason of a failed repository operation to an exit status. A missing object
     * after the repository was opened is a snapshot or path the user named, not a missing
     * repository, so {@link Reason#NOT_FOUND} maps to {@link #FAILURE} here and to
     * {@link #REPOSITORY_NOT_FOUND} in {@link #forOpen}.
     */
    public static int forReason(Reason reason) {
        return switch (reason) {
            case GENERAL, NOT_FOUND, ALREADY_EXISTS -> FAILURE;
            case WRONG_PASSPHRASE, DAMAGED_KEY -> WRONG_PASSPHRASE;
            case LOCKED -> REPOSITORY_LOCKED;
            case DAMAGED_DATA -> DAMAGED_DATA;
            case INTERRUPTED -> INTERRUPTED;
            case APPEND_ONLY -> APPEND_ONLY;
        };
    }

    /** Maps the reason of a failure to open (or create) a repository to an exit status. */
    public static int forOpen(Reason reason) {
        return reason == Reason.NOT_FOUND ? REPOSITORY_NOT_FOUND : forReason(reason);
    }

    private static String key(int code) {
        return Integer.toString(code);
    }
}
