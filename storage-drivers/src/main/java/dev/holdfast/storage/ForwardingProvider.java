package dev.holdfast.storage;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A provider that passes every call to another one. Decorators that change only some calls
 * extend it and override those.
 */
public abstract class ForwardingProvider implements Provider {
    protected final Provider delegate;

    protected ForwardingProvider(Provider delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** Returns the provider that this one forwards to. */
    public Provider delegate() {
        return delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public boolean putIfAbsent(String key, byte[] data) throws StorageException {
        return delegate.putIfAbsent(key, data);
    }

    @Override
    public byte[] get(String key) throws StorageException {
        return delegate.get(key);
    }

    @Override
    public byte[] get(String key, long offset, int length) throws StorageException {
        return delegate.get(key, offset, length);
    }

    @Override
    public Optional<ObjectInfo> stat(String key) throws StorageException {
        return delegate.stat(key);
    }

    @Override
    public void list(String prefix, Consumer<ObjectInfo> sink) throws StorageException {
        delegate.list(prefix, sink);
    }

    @Override
    public void delete(String key) throws StorageException {
        delegate.delete(key);
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
}
