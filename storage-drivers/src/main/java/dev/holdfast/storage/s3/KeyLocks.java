package dev.holdfast.storage.s3;

import java.util.HashSet;
import java.util.Set;

/**
 * Mutual exclusion per key among the threads of one process, so that a check followed by an
 * upload cannot interleave with another for the same key. Other processes are not excluded.
 */
final class KeyLocks {
    private final Set<String> held = new HashSet<>();

    /** Waits until no other thread has locked {@code key}, then locks it. */
    void lock(String key) throws InterruptedException {
        synchronized (held) {
            while (!held.add(key)) {
                held.wait();
            }
        }
    }

    void unlock(String key) {
        synchronized (held) {
            held.remove(key);
            held.notifyAll();
        }
    }
}
