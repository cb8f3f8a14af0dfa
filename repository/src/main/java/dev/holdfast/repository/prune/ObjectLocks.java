package dev.holdfast.repository.prune;

import dev.holdfast.storage.ObjectInfo;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.StorageException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When each object becomes deletable under object lock: its upload time on each provider that
 * requests a retention, as that provider lists it, plus the retention. An object with copies
 * on several such providers is locked until the latest of them.
 */
final class ObjectLocks {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectLocks.class);

    private final List<Provider> locking;
    private final Instant now;
    private final Map<String, Instant> until = new HashMap<>();

    private ObjectLocks(List<Provider> providers, Instant now) {
        this.locking = providers.stream().filter(p -> p.objectLockRetention().isPresent())
                .toList();
        this.now = now;
    }

    /** Lists {@code prefixes} on every provider that locks objects. */
    static ObjectLocks survey(List<Provider> providers, List<String> prefixes, Instant now) {
        ObjectLocks locks = new ObjectLocks(providers, now);
        for (Provider provider : locks.locking) {
            Duration retention = provider.objectLockRetention().orElseThrow();
            for (String prefix : prefixes) {
                try {
                    provider.list(prefix, info -> locks.add(info, retention));
                } catch (StorageException e) {
                    // Its deletes fail as well, and prune keeps what a failed delete needs.
                    LOG.warn("prune: listing \"{}\" on provider \"{}\" failed, so its object-lock"
                            + " dates are unknown: {}", prefix, provider.name(), e.getMessage());
                }
            }
        }
        return locks;
    }

    /** Looks up single keys that no survey listed, such as deletion records. */
    void stat(List<String> keys) {
        for (Provider provider : locking) {
            Duration retention = provider.objectLockRetention().orElseThrow();
            for (String key : keys) {
                try {
                    provider.stat(key).ifPresent(info -> add(info, retention));
                } catch (StorageException e) {
                    LOG.warn("prune: reading the time of \"{}\" on provider \"{}\" failed: {}",
                            key, provider.name(), e.getMessage());
                }
            }
        }
    }

    private synchronized void add(ObjectInfo info, Duration retention) {
        Instant end = info.modified().plus(retention);
        if (end.isAfter(now)) {
            until.merge(info.key(), end, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    /** Returns when {@code key} becomes deletable, or empty when it is deletable now. */
    synchronized Optional<Instant> lockedUntil(String key) {
        return Optional.ofNullable(until.get(key));
    }

    boolean any() {
        return !locking.isEmpty();
    }
}
