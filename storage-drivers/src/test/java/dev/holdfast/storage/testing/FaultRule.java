package dev.holdfast.storage.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;

/**
 * One programmed fault of a {@link FaultInjectingProvider}: which calls it applies to, what it
 * does, and how often. A new rule fires on every matching call; {@link #times(int)},
 * {@link #withProbability(double)} and the throttle's period make it fire less often.
 */
public final class FaultRule {
    /** What a rule does to a call it fires on. */
    public enum Fault {
        /** Throws a TRANSIENT error without calling the wrapped provider. */
        FAIL_TRANSIENT,
        /** Throws a PERMANENT error without calling the wrapped provider. */
        FAIL_PERMANENT,
        /** Waits, then lets the call proceed. */
        DELAY,
        /** Flips the bits of one byte, at a seeded random position, in what a get returns. */
        CORRUPT,
        /** Aborts a put as if the connection broke after half the bytes: nothing is stored. */
        FAIL_HALFWAY,
        /** Fails every Nth matching call with a TRANSIENT error, like a rate-limited store. */
        THROTTLE
    }

    private final FaultInjectingProvider.Operation operation;
    private final Pattern keys;
    private final Fault fault;
    private final Duration delay;
    private final int period;
    private final AtomicInteger remaining = new AtomicInteger(-1);
    private final AtomicLong matches = new AtomicLong();
    private volatile double probability = 1.0;

    FaultRule(FaultInjectingProvider.Operation operation, Pattern keys, Fault fault,
            Duration delay, int period) {
        this.operation = operation;
        this.keys = keys;
        this.fault = fault;
        this.delay = delay;
        this.period = period;
    }

    /** Limits the rule to its next {@code count} firings; afterwards it does nothing. */
    public FaultRule times(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count " + count + " must not be negative");
        }
        remaining.set(count);
        return this;
    }

    /** Makes the rule fire on a matching call with {@code p}, drawn from the seeded random. */
    public FaultRule withProbability(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("probability " + p + " must be in [0, 1]");
        }
        probability = p;
        return this;
    }

    public Fault fault() {
        return fault;
    }

    Duration delay() {
        return delay;
    }

    boolean matches(FaultInjectingProvider.Operation calledOperation, String key) {
        return operation == calledOperation && keys.matcher(key).matches();
    }

    /** Counts a matching call and returns whether the fault strikes it. */
    boolean fires(DoubleSupplier random) {
        long match = matches.incrementAndGet();
        if (fault == Fault.THROTTLE && match % period != 0) {
            return false;
        }
        if (probability < 1.0 && random.getAsDouble() >= probability) {
            return false;
        }
        return remaining.getAndUpdate(left -> left > 0 ? left - 1 : left) != 0;
    }

    @Override
    public String toString() {
        return fault + " on " + operation + " of keys matching " + keys.pattern();
    }
}
