package dev.holdfast.repository.lock;

import java.util.concurrent.ScheduledFuture;

/** A lock held by this process; closing it removes the lock object. */
public final class Lock implements AutoCloseable {
    private final LockManager manager;
    private final LockInfo info;
    private volatile String key;
    private ScheduledFuture<?> heartbeat;

    Lock(LockManager manager, LockInfo info, String key) {
        this.manager = manager;
        this.info = info;
        this.key = key;
    }

    LockInfo info() {
        return info;
    }

    String key() {
        return key;
    }

    void replaceKey(String newKey) {
        key = newKey;
    }

    void heartbeat(ScheduledFuture<?> future) {
        heartbeat = future;
    }

    @Override
    public void close() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        manager.release(this);
    }
}
