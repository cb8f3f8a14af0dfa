package dev.holdfast.storage.testing;

import dev.holdfast.storage.ObjectInfo;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.StorageException;
import dev.holdfast.storage.StorageException.Kind;
import dev.holdfast.storage.testing.FaultRule.Fault;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A provider that wraps a real one and misbehaves on command: it fails, delays, corrupts, loses
 * objects, aborts puts halfway and throttles, for tests of retries, failover and repair.
 *
 * <p>Rules are programmed per operation and key pattern (a regular expression that must match
 * the whole key, or the prefix for list), for example
 * {@code faults.on(Operation.GET, "data/.*").failTransient().times(2)}. Every matching rule
 * applies, in the order added. Random choices come from one seeded generator, so a test that
 * calls from one thread gets the same faults on every run.
 */
public final class FaultInjectingProvider implements Provider {
    /** The provider operations a rule can target. */
    public enum Operation { PUT, GET, STAT, LIST, DELETE }

    private final Provider delegate;
    private final Random random;
    private final List<FaultRule> rules = new CopyOnWriteArrayList<>();
    private final List<Pattern> lostKeys = new CopyOnWriteArrayList<>();
    private final Map<Operation, AtomicInteger> calls = new EnumMap<>(Operation.class);

    public FaultInjectingProvider(Provider delegate, long seed) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.random = new Random(seed);
        for (Operation operation : Operation.values()) {
            calls.put(operation, new AtomicInteger());
        }
    }

    /** Starts a rule for calls of {@code operation} on keys that match {@code keyRegex}. */
    public Target on(Operation operation, String keyRegex) {
        return new Target(operation, Pattern.compile(keyRegex));
    }

    /**
     * Hides every object whose key matches {@code keyRegex}: get fails with NOT_FOUND, stat
     * returns empty, and list leaves it out. Puts and deletes still reach the wrapped provider,
     * so a put of a lost key returns false.
     */
    public void lose(String keyRegex) {
        lostKeys.add(Pattern.compile(keyRegex));
    }

    /**
     * Makes every call fail as if the provider were unreachable (a TRANSIENT error, like a
     * refused connection) until {@link #clear()}.
     */
    public void makeUnavailable() {
        for (Operation operation : Operation.values()) {
            on(operation, ".*").failTransient();
        }
    }

    /** Hides every object, as if the provider had been emptied, until {@link #clear()}. */
    public void empty() {
        lose(".*");
    }

    /** Removes all rules and lost-key patterns. */
    public void clear() {
        rules.clear();
        lostKeys.clear();
    }

    /** Returns how many calls of {@code operation} this provider received, failed ones too. */
    public int calls(Operation operation) {
        return calls.get(operation).get();
    }

    /** The operation and key pattern of a rule being programmed. */
    public final class Target {
        private final Operation operation;
        private final Pattern keys;

        private Target(Operation operation, Pattern keys) {
            this.operation = operation;
            this.keys = keys;
        }

        public FaultRule failTransient() {
            return add(Fault.FAIL_TRANSIENT, Duration.ZERO, 1);
        }

        public FaultRule failPermanent() {
            return add(Fault.FAIL_PERMANENT, Duration.ZERO, 1);
        }

        public FaultRule delay(Duration duration) {
            return add(Fault.DELAY, duration, 1);
        }

        /** Corrupts what a get returns; only GET rules may corrupt. */
        public FaultRule corrupt() {
            requireOperation(Operation.GET, Fault.CORRUPT);
            return add(Fault.CORRUPT, Duration.ZERO, 1);
        }

        /** Aborts puts halfway; only PUT rules may do this. */
        public FaultRule failHalfway() {
            requireOperation(Operation.PUT, Fault.FAIL_HALFWAY);
            return add(Fault.FAIL_HALFWAY, Duration.ZERO, 1);
        }

        /** Fails every {@code period}th matching call transiently. */
        public FaultRule throttle(int period) {
            if (period < 1) {
                throw new IllegalArgumentException("period " + period + " must be at least 1");
            }
            return add(Fault.THROTTLE, Duration.ZERO, period);
        }

        private void requireOperation(Operation expected, Fault fault) {
            if (operation != expected) {
                throw new IllegalArgumentException(
                        fault + " applies to " + expected + " only, not " + operation);
            }
        }

        private FaultRule add(Fault fault, Duration delay, int period) {
            FaultRule rule = new FaultRule(operation, keys, fault, delay, period);
            rules.add(rule);
            return rule;
        }
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public boolean putIfAbsent(String key, byte[] data) throws StorageException {
        inject(Operation.PUT, key);
        return delegate.putIfAbsent(key, data);
    }

    @Override
    public byte[] get(String key) throws StorageException {
        boolean corrupt = inject(Operation.GET, key);
        requireNotLost(key);
        return corrupt ? corrupted(delegate.get(key)) : delegate.get(key);
    }

    @Override
    public byte[] get(String key, long offset, int length) throws StorageException {
        boolean corrupt = inject(Operation.GET, key);
        requireNotLost(key);
        byte[] data = delegate.get(key, offset, length);
        return corrupt ? corrupted(data) : data;
    }

    @Override
    public Optional<ObjectInfo> stat(String key) throws StorageException {
        inject(Operation.STAT, key);
        return isLost(key) ? Optional.empty() : delegate.stat(key);
    }

    @Override
    public void list(String prefix, Consumer<ObjectInfo> sink) throws StorageException {
        inject(Operation.LIST, prefix);
        delegate.list(prefix, info -> {
            if (!isLost(info.key())) {
                sink.accept(info);
            }
        });
    }

    @Override
    public void delete(String key) throws StorageException {
        inject(Operation.DELETE, key);
        delegate.delete(key);
    }

    @Override
    public void close() throws StorageException {
        delegate.close();
    }

    /** Applies the rules that fire on this call; returns whether a get must be corrupted. */
    private boolean inject(Operation operation, String key) throws StorageException {
        int call = calls.get(operation).incrementAndGet();
        boolean corrupt = false;
        for (FaultRule rule : rules) {
            if (rule.matches(operation, key) && rule.fires(this::nextDouble)) {
                corrupt |= apply(rule, operation, key, call);
            }
        }
        return corrupt;
    }

    private boolean apply(FaultRule rule, Operation operation, String key, int call)
            throws StorageException {
        String op = operation.name().toLowerCase(Locale.ROOT);
        String origin = " on call " + call + " (" + rule + ")";
        switch (rule.fault()) {
            case FAIL_TRANSIENT, THROTTLE -> throw new StorageException(Kind.TRANSIENT, name(),
                    op, key, "injected transient fault" + origin);
            case FAIL_PERMANENT -> throw new StorageException(Kind.PERMANENT, name(), op, key,
                    "injected permanent fault" + origin);
            case FAIL_HALFWAY -> throw new StorageException(Kind.TRANSIENT, name(), op, key,
                    "injected connection reset halfway through the upload" + origin);
            case DELAY -> sleep(rule.delay());
            case CORRUPT -> {
                return true;
            }
        }
        return false;
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private byte[] corrupted(byte[] data) {
        if (data.length == 0) {
            return data;
        }
        byte[] copy = data.clone();
        int position;
        synchronized (random) {
            position = random.nextInt(copy.length);
        }
        copy[position] ^= (byte) 0xFF;
        return copy;
    }

    private double nextDouble() {
        synchronized (random) {
            return random.nextDouble();
        }
    }

    private boolean isLost(String key) {
        for (Pattern lost : lostKeys) {
            if (lost.matcher(key).matches()) {
                return true;
            }
        }
        return false;
    }

    private void requireNotLost(String key) throws StorageException {
        if (isLost(key)) {
            throw new StorageException(Kind.NOT_FOUND, name(), "get", key,
                    "no object has this key (injected loss)");
        }
    }
}
