package dev.holdfast.storage;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of {@link RetryingProvider}: the delay before the second attempt, the cap on any
 * delay, and two budgets of which the first one exhausted ends the retries.
 *
 * @param initialDelay upper bound of the first random delay; each later bound doubles
 * @param maxDelay cap on the bound of any delay
 * @param maxAttempts attempts in total, the first one included
 * @param maxElapsed time from the first attempt after which no retry starts
 */
public record RetrySettings(Duration initialDelay, Duration maxDelay, int maxAttempts,
        Duration maxElapsed) {

    public RetrySettings {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(maxElapsed, "maxElapsed");
        if (initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException(
                    "initialDelay " + initialDelay + " must be positive, such as PT0.1S");
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay " + maxDelay
                    + " must be at least initialDelay " + initialDelay);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException(
                    "maxAttempts " + maxAttempts + " must be at least 1 (1 means no retry)");
        }
        if (maxElapsed.isNegative()) {
            throw new IllegalArgumentException(
                    "maxElapsed " + maxElapsed + " must not be negative");
        }
    }

    /**
     * Returns settings that ride out a few seconds of throttling or a dropped connection:
     * delays from 100 ms doubling to at most 20 s, 8 attempts, 2 minutes in all. A longer
     * outage is for the caller to handle, for example by failing over to another provider.
     */
    public static RetrySettings defaults() {
        return new RetrySettings(Duration.ofMillis(100), Duration.ofSeconds(20), 8,
                Duration.ofMinutes(2));
    }
}
