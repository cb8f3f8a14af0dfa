package dev.holdfast.repository.lock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dev.holdfast.crypto.Keyring;
import dev.holdfast.crypto.Opener;
import dev.holdfast.crypto.Purpose;
import dev.holdfast.crypto.Sealer;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.RepositoryException.Reason;
import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.repository.objects.ObjectStore;
import dev.holdfast.storage.Sleeper;
import dev.holdfast.storage.StorageException;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes, renews and releases locks. A stale lock is removed before a new one is taken: one whose
 * heartbeat is older than {@link #STALE_AFTER}, or one of this host whose process no longer
 * runs. The heartbeat is renewed every {@link #HEARTBEAT}, a sixth of the stale age, so a live
 * holder is never mistaken for a dead one unless it stalls for half an hour.
 */
public final class LockManager {
    public static final Duration STALE_AFTER = Duration.ofMinutes(30);
    public static final Duration HEARTBEAT = Duration.ofMinutes(5);
    /** Pause between two attempts of {@link #acquire(String, boolean, Duration)}. */
    static final Duration POLL = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(LockManager.class);
    private static final ObjectMapper MAPPER = new ObjectMapper(new CBORFactory());

    private final ObjectStore store;
    private final Keyring keyring;
    private final Clock clock;
    private final String host;
    private final Sleeper sleeper;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("lock-heartbeat").factory());

    public LockManager(ObjectStore store, Keyring keyring, Clock clock) {
        this(store, keyring, clock, Sleeper.system());
    }

    /** Creates a manager whose waits for a lock pause through {@code sleeper}. */
    public LockManager(ObjectStore store, Keyring keyring, Clock clock, Sleeper sleeper) {
        this.store = store;
        this.keyring = keyring;
        this.clock = clock;
        this.host = hostName();
        this.sleeper = sleeper;
    }

    /**
     * Takes a lock, trying again every {@link #POLL} while another process holds a conflicting
     * one, for at most {@code wait}. A deletion phase of prune holds the exclusive lock for a
     * short time, so a backup that meets it waits rather than fails.
     *
     * @throws RepositoryException with reason LOCKED when the conflict outlasts {@code wait},
     *     or INTERRUPTED when the thread is interrupted while waiting
     */
    public Lock acquire(String operation, boolean exclusive, Duration wait)
            throws RepositoryException {
        long deadline = sleeper.nanoTime() + wait.toNanos();
        boolean waiting = false;
        while (true) {
            try {
                return acquire(operation, exclusive);
            } catch (RepositoryException e) {
                long left = deadline - sleeper.nanoTime();
                if (e.reason() != Reason.LOCKED || left <= 0) {
                    throw e;
                }
                if (!waiting) {
                    LOG.info("repository lock: {} waits up to {} for a conflicting lock: {}",
                            operation, wait, e.getMessage());
                    waiting = true;
                }
                pause(Duration.ofNanos(Math.min(left, POLL.toNanos())));
            }
        }
    }

    private void pause(Duration duration) throws RepositoryException {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RepositoryException(Reason.INTERRUPTED, "interrupted while waiting for "
                    + "the repository lock");
        }
    }

    /** Takes a lock, or throws with reason LOCKED naming the holder and the safe next step. */
    public Lock acquire(String operation, boolean exclusive) throws RepositoryException {
        checkConflicts(exclusive, null);
        String now = clock.instant().toString();
        LockInfo info = new LockInfo(host, ProcessHandle.current().pid(), System.getProperty("user.name"),
                operation, exclusive, now, now);
        Lock lock = new Lock(this, info, write(info));
        try {
            // Two processes may pass the first check at once. Checking again after writing our own
            // lock means that at least one of them finds the other and backs off.
            checkConflicts(exclusive, lock.key());
        } catch (RepositoryException e) {
            release(lock);
            throw e;
        }
        lock.heartbeat(timer.scheduleAtFixedRate(() -> renew(lock), HEARTBEAT.toSeconds(),
                HEARTBEAT.toSeconds(), TimeUnit.SECONDS));
        return lock;
    }

    private void checkConflicts(boolean exclusive, String ownKey) throws RepositoryException {
        for (Held held : listLocks()) {
            if (held.key.equals(ownKey)) {
                continue;
            }
            if (isStale(held.info)) {
                LOG.warn("repository lock {}: removing stale lock held by {}", held.key, held.info.describe());
                delete(held.key);
            } else if (exclusive || held.info.exclusive()) {
                throw new RepositoryException(Reason.LOCKED, "repository is locked: " + held.info.describe()
                        + ". Wait for it to finish; if that process is gone, run `holdfast unlock`.");
            }
        }
    }

    private record Held(String key, LockInfo info) {
    }

    private List<Held> listLocks() throws RepositoryException {
        List<Held> held = new ArrayList<>();
        try {
            for (String name : store.list(ObjectKind.LOCK)) {
                String key = ObjectKind.LOCK.key(name);
                try {
                    byte[] sealed = store.get(ObjectKind.LOCK, name);
                    byte[] plain = Opener.openObject(keyring, Purpose.LOCK, new byte[0], sealed);
                    held.add(new Held(key, decode(plain)));
                } catch (StorageException e) {
                    if (e.kind() != StorageException.Kind.NOT_FOUND) {
                        throw e;
                    }
                } catch (Exception e) {
                    LOG.warn("repository lock {}: unreadable lock ignored: {}", key, e.getMessage());
                }
            }
        } catch (StorageException e) {
            throw new RepositoryException(Reason.GENERAL, "listing locks failed: " + e.getMessage(), e);
        }
        return held;
    }

    /**
     * Parses the plaintext of a lock object, a CBOR map of {@link LockInfo}'s fields.
     *
     * @throws IOException if it is not such a map, or lacks the host or an ISO-8601 heartbeat,
     *     which {@link #isStale} needs
     */
    static LockInfo decode(byte[] plain) throws IOException {
        LockInfo info = MAPPER.readValue(plain, LockInfo.class);
        if (info == null || info.host() == null || info.heartbeat() == null) {
            throw new IOException("lock lacks the holder's host or its heartbeat time");
        }
        try {
            Instant.parse(info.heartbeat());
        } catch (DateTimeParseException e) {
            throw new IOException("lock heartbeat \"" + info.heartbeat()
                    + "\" is not an ISO-8601 time", e);
        }
        return info;
    }

    boolean isStale(LockInfo info) {
        Instant heartbeat = Instant.parse(info.heartbeat());
        if (Duration.between(heartbeat, clock.instant()).compareTo(STALE_AFTER) > 0) {
            return true;
        }
        return info.host().equals(host) && ProcessHandle.of(info.pid()).isEmpty();
    }

    /** Removes every lock that is stale, or every lock when {@code all} is set; returns how many. */
    public int removeLocks(boolean all) throws RepositoryException {
        int removed = 0;
        for (Held held : listLocks()) {
            if (all || isStale(held.info)) {
                delete(held.key);
                removed++;
            }
        }
        return removed;
    }

    private String write(LockInfo info) throws RepositoryException {
        byte[] sealed;
        try {
            sealed = Sealer.sealObject(keyring, Purpose.LOCK, new byte[0], MAPPER.writeValueAsBytes(info));
        } catch (IOException e) {
            throw new RepositoryException(Reason.GENERAL, "writing a lock failed: " + e.getMessage(), e);
        }
        try {
            return ObjectKind.LOCK.key(store.put(ObjectKind.LOCK, sealed));
        } catch (StorageException e) {
            // A put below the write quorum leaves copies on the providers that took it, and
            // another host would wait for such a lock until its heartbeat is 30 minutes old.
            delete(ObjectKind.LOCK.key(ObjectStore.nameOf(sealed)));
            throw new RepositoryException(Reason.GENERAL, "writing a lock failed: " + e.getMessage(), e);
        }
    }

    private void renew(Lock lock) {
        LockInfo old = lock.info();
        LockInfo renewed = new LockInfo(old.host(), old.pid(), old.user(), old.operation(), old.exclusive(),
                old.created(), clock.instant().toString());
        try {
            String oldKey = lock.key();
            lock.replaceKey(write(renewed));
            delete(oldKey);
        } catch (RepositoryException e) {
            LOG.warn("repository lock {}: heartbeat failed: {}", lock.key(), e.getMessage());
        }
    }

    /**
     * Removes the lock object. A command stopped by Ctrl-C gets here on an interrupted thread,
     * where provider calls fail and retries give up at once, which would leave the lock behind
     * for half an hour. So the interrupt flag is cleared for the delete and set again after it.
     */
    void release(Lock lock) {
        boolean interrupted = Thread.interrupted();
        try {
            delete(lock.key());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void delete(String key) {
        try {
            store.provider().delete(key);
        } catch (StorageException e) {
            LOG.warn("repository lock {}: removing failed: {}", key, e.getMessage());
        }
    }

    public void close() {
        timer.shutdownNow();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }
}
