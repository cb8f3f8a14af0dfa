package dev.holdfast.storage;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A provider that passes reads through and rejects puts and deletes with a PERMANENT error,
 * for restores and checks that must not change a repository.
 */
public final class ReadOnlyProvider implements Provider {
    private final Provider delegate;

    public ReadOnlyProvider(Provider delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public boolean putIfAbsent(String key, byte[] data) throws StorageException {
        throw rejected("put", key);
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
        throw rejected("delete", key);
    }

    @Override
    public void close() throws StorageException {
        delegate.close();
    }

    private StorageException rejected(String operation, String key) {
        return new StorageException(StorageException.Kind.PERMANENT, name(), operation, key,
                "the provider is read-only, so puts and deletes are rejected; open it without"
                        + " the read-only setting to change objects");
    }
}
