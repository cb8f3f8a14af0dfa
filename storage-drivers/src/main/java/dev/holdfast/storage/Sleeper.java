package dev.holdfast.storage;

import java.time.Duration;

/**
 * The pause between retries and the clock that measures the retry time budget. Tests pass a
 * fake that records each pause and advances its own clock instead of waiting.
 */
@FunctionalInterface
public interface Sleeper {
    /** Blocks the calling thread for {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;

    /** Returns a monotonic time in nanoseconds, like {@link System#nanoTime()}. */
    default long nanoTime() {
        return System.nanoTime();
    }

    /** Returns the sleeper that really waits, through {@link Thread#sleep(Duration)}. */
    static Sleeper system() {
        return Thread::sleep;
    }
}
