package dev.holdfast.storage;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider that logs one DEBUG line per call as key=value pairs, for example
 * {@code provider=local op=get key=data/ab/abcd bytes=4096 ms=0.412 outcome=ok}.
 *
 * <p>Lines carry names and sizes only, never object content. {@code bytes} is the size written
 * or returned, and a list line adds {@code objects}, the number of objects listed. The outcome
 * is one of {@code ok}, {@code exists} (a put found the key present), {@code absent} (stat found
 * nothing), {@code not_found}, {@code transient}, {@code permanent}, or {@code error} for a
 * runtime exception. A key with characters outside [A-Za-z0-9._/-] is quoted.
 */
public final class LoggingProvider implements Provider {
    private static final Logger log = LoggerFactory.getLogger(LoggingProvider.class);
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9._/-]+");

    private final Provider delegate;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile String lastFailure;

    public LoggingProvider(Provider delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public boolean putIfAbsent(String key, byte[] data) throws StorageException {
        return putIfAbsent(key, data, data.length);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] data, int length) throws StorageException {
        long start = System.nanoTime();
        String size = " bytes=" + length;
        boolean stored = logged("put", key, start, size,
                () -> delegate.putIfAbsent(key, data, length));
        logLine("put", key, start, size, stored ? "ok" : "exists");
        return stored;
    }

    @Override
    public byte[] get(String key) throws StorageException {
        long start = System.nanoTime();
        byte[] data = logged("get", key, start, "", () -> delegate.get(key));
        logLine("get", key, start, " bytes=" + data.length, "ok");
        return data;
    }

    @Override
    public byte[] get(String key, long offset, int length) throws StorageException {
        long start = System.nanoTime();
        String range = " offset=" + offset;
        byte[] data = logged("get", key, start, range, () -> delegate.get(key, offset, length));
        logLine("get", key, start, range + " bytes=" + data.length, "ok");
        return data;
    }

    @Override
    public Optional<ObjectInfo> stat(String key) throws StorageException {
        long start = System.nanoTime();
        Optional<ObjectInfo> info = logged("stat", key, start, "", () -> delegate.stat(key));
        String size = info.map(i -> " bytes=" + i.size()).orElse("");
        logLine("stat", key, start, size, info.isPresent() ? "ok" : "absent");
        return info;
    }

    @Override
    public void list(String prefix, Consumer<ObjectInfo> sink) throws StorageException {
        long start = System.nanoTime();
        AtomicLong objects = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        logged("list", prefix, start, "", () -> {
            delegate.list(prefix, info -> {
                objects.incrementAndGet();
                bytes.addAndGet(info.size());
                sink.accept(info);
            });
            return null;
        });
        logLine("list", prefix, start, " objects=" + objects + " bytes=" + bytes, "ok");
    }

    @Override
    public void delete(String key) throws StorageException {
        long start = System.nanoTime();
        logged("delete", key, start, "", () -> {
            delegate.delete(key);
            return null;
        });
        logLine("delete", key, start, "", "ok");
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

    /** Returns the calls made through this provider so far. */
    public long calls() {
        return calls.get();
    }

    /**
     * Returns the calls that failed after the retries below this wrapper, not counting reads
     * of a missing key, which callers expect.
     */
    public long failures() {
        return failures.get();
    }

    /** Returns the message of the newest failed call, or empty when none failed. */
    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /** Runs {@code call} and logs its failure, if any, before rethrowing it. */
    private <T> T logged(String operation, String key, long start, String sizes,
            StorageCall<T> call) throws StorageException {
        calls.incrementAndGet();
        try {
            return call.run();
        } catch (StorageException e) {
            if (e.kind() != StorageException.Kind.NOT_FOUND) {
                failures.incrementAndGet();
                lastFailure = e.getMessage();
            }
            logLine(operation, key, start, sizes, e.kind().name().toLowerCase(Locale.ROOT));
            throw e;
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            lastFailure = operation + " \"" + key + "\" failed: " + e;
            logLine(operation, key, start, sizes, "error");
            throw e;
        }
    }

    private void logLine(String operation, String key, long start, String sizes,
            String outcome) {
        if (!log.isDebugEnabled()) {
            return;
        }
        double millis = (System.nanoTime() - start) / 1e6;
        log.debug("provider={} op={} key={}{} ms={} outcome={}", name(), operation,
                quoted(key), sizes, "%.3f".formatted(millis), outcome);
    }

    private static String quoted(String key) {
        if (key != null && PLAIN_KEY.matcher(key).matches()) {
            return key;
        }
        return '"' + String.valueOf(key).replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
