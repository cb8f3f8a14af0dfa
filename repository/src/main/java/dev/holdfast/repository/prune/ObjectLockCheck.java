package dev.holdfast.repository.prune;

import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.RepositoryException.Reason;
import dev.holdfast.storage.Provider;
import java.time.Duration;
import java.util.List;

/**
 * The rule that object lock must protect an object at least as long as the deletion delay, so
 * that whoever holds a credential that deletes cannot remove a snapshot before its forget
 * could be undone.
 */
public final class ObjectLockCheck {
    private ObjectLockCheck() {
    }

    /**
     * @throws RepositoryException naming the first provider whose object-lock retention is
     *     shorter than {@code deletionDelay}
     */
    public static void requireCovers(List<Provider> providers, Duration deletionDelay)
            throws RepositoryException {
        for (Provider provider : providers) {
            Duration retention = provider.objectLockRetention().orElse(null);
            if (retention != null && retention.compareTo(deletionDelay) < 0) {
                throw new RepositoryException(Reason.GENERAL, "provider \"" + provider.name()
                        + "\" locks objects for " + describe(retention) + ", shorter than the "
                        + "repository's deletion delay of " + describe(deletionDelay) + ", so "
                        + "nothing is written to the repository. Set its object-lock retention "
                        + "to at least " + describe(deletionDelay));
            }
        }
    }

    static String describe(Duration duration) {
        if (duration.toSeconds() % 86_400 == 0) {
            return duration.toDays() + "d";
        }
        if (duration.toSeconds() % 3600 == 0) {
            return duration.toHours() + "h";
        }
        return duration.toSeconds() + "s";
    }
}
