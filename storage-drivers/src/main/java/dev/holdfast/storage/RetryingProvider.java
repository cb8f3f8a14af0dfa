package dev.holdfast.storage;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider that repeats calls which failed with a TRANSIENT error, pausing between attempts
 * with exponential backoff and full jitter: before attempt n+1 it waits a random time between
 * zero and {@code min(maxDelay, initialDelay * 2^(n-1))}. The randomness spreads the retries
 * of many clients that failed together. PERMANENT and NOT_FOUND errors, and runtime exceptions,
 * pass through at once, and so does any error on a thread that is interrupted, because the
 * caller is stopping and a pause would end at once. When the attempts or the time budget run
 * out, the error is TRANSIENT, states how many attempts were made, and has the last error as
 * its cause.
 *
 * <p>A put that failed after the object was stored, such as one whose response was lost,
 * returns false on its retry, because the object is then present. A retried list does not
 * pass the same key to the sink twice.
 */
public final class RetryingProvider implements Provider {
    private static final Logger log = LoggerFactory.getLogger(RetryingProvider.class);

    private final Provider delegate;
    private final RetrySettings settings;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;

    public RetryingProvider(Provider delegate, RetrySettings settings) {
        this(delegate, settings, Sleeper.system());
    }

    public RetryingProvider(Provider delegate, RetrySettings settings, Sleeper sleeper) {
        this(delegate, settings, sleeper, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** Takes the random factor of each delay, in [0, 1), from {@code jitter}. */
    RetryingProvider(Provider delegate, RetrySettings settings, Sleeper sleeper,
            DoubleSupplier jitter) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public boolean putIfAbsent(String key, byte[] data) throws StorageException {
        return withRetries("put", key, () -> delegate.putIfAbsent(key, data));
    }

    @Override
    public boolean putIfAbsent(String key, byte[] data, int length) throws StorageException {
        return withRetries("put", key, () -> delegate.putIfAbsent(key, data, length));
    }

    @Override
    public byte[] get(String key) throws StorageException {
        return withRetries("get", key, () -> delegate.get(key));
    }

    @Override
    public byte[] get(String key, long offset, int length) throws StorageException {
        return withRetries("get", key, () -> delegate.get(key, offset, length));
    }

    @Override
    public Optional<ObjectInfo> stat(String key) throws StorageException {
        return withRetries("stat", key, () -> delegate.stat(key));
    }

    @Override
    public void list(String prefix, Consumer<ObjectInfo> sink) throws StorageException {
        Set<String> delivered = ConcurrentHashMap.newKeySet();
        withRetries("list", prefix, () -> {
            delegate.list(prefix, info -> {
                if (delivered.add(info.key())) {
                    sink.accept(info);
                }
            });
            return null;
        });
    }

    @Override
    public void delete(String key) throws StorageException {
        withRetries("delete", key, () -> {
            delegate.delete(key);
            return null;
        });
    }

    @Override
    public boolean appendOnly() {
        return delegate.appendOnly();
    }

    @Override
    public Optional<Duration> objectLockRetention() {
        return delegate.objectLockRetention();
    }

    @Override
    public void close() throws StorageException {
        delegate.close();
    }

    private <T> T withRetries(String operation, String key, StorageCall<T> call)
            throws StorageException {
        long start = sleeper.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (StorageException e) {
                if (!e.isTransient() || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                Duration delay = delayAfter(attempt);
                Duration elapsed = Duration.ofNanos(sleeper.nanoTime() - start);
                if (attempt >= settings.maxAttempts()
                        || elapsed.plus(delay).compareTo(settings.maxElapsed()) > 0) {
                    throw gaveUp(operation, key, attempt, elapsed, e);
                }
                log.warn("provider={} op={} key={} attempt={}/{} retry_in_ms={} error=\"{}\"",
                        name(), operation, key, attempt, settings.maxAttempts(),
                        delay.toMillis(), e.detail());
                pause(delay, operation, key, e);
            }
        }
    }

    /** Returns a random delay in [0, bound), where the bound doubles with each attempt. */
    private Duration delayAfter(int attempt) {
        long initial = settings.initialDelay().toNanos();
        long max = settings.maxDelay().toNanos();
        int doublings = attempt - 1;
        boolean capped = doublings >= Long.numberOfLeadingZeros(initial) - 1
                || initial << doublings >= max;
        long bound = capped ? max : initial << doublings;
        return Duration.ofNanos((long) (bound * jitter.getAsDouble()));
    }

    private void pause(Duration delay, String operation, String key, StorageException last)
            throws StorageException {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            StorageException stopped = new StorageException(StorageException.Kind.TRANSIENT,
                    name(), operation, key, "interrupted while waiting to retry after: "
                            + last.detail(), last);
            stopped.addSuppressed(e);
            throw stopped;
        }
    }

    private StorageException gaveUp(String operation, String key, int attempts,
            Duration elapsed, StorageException last) {
        String detail = "gave up after %d attempts in %d ms; last error: %s"
                .formatted(attempts, elapsed.toMillis(), last.detail());
        return new StorageException(StorageException.Kind.TRANSIENT, name(), operation, key,
                detail, last);
    }
}
