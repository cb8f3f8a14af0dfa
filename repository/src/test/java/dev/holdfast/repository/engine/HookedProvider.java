package dev.holdfast.repository.engine;

import dev.holdfast.storage.ObjectInfo;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.StorageException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A provider that runs test code before the first put of a key with a given prefix, to change
 * a source at a known point of a backup.
 */
final class HookedProvider implements Provider {
    private final Provider delegate;
    private final String prefix;
    private volatile Runnable beforeFirstPut = () -> { };
    private boolean putHookDone;

    HookedProvider(Provider delegate, String prefix) {
        this.delegate = delegate;
        this.prefix = prefix;
    }

    /**
     * Runs {@code hook} before the first put of a matching key. Other matching puts wait until
     * it returns, so a backup can upload at most a few packs meanwhile.
     */
    void beforeFirstPut(Runnable hook) {
        beforeFirstPut = hook;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public boolean putIfAbsent(String key, byte[] data) throws StorageException {
        if (key.startsWith(prefix)) {
            synchronized (this) {
                if (!putHookDone) {
                    putHookDone = true;
                    beforeFirstPut.run();
                }
            }
        }
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
    public void list(String listPrefix, Consumer<ObjectInfo> sink) throws StorageException {
        delegate.list(listPrefix, sink);
    }

    @Override
    public void delete(String key) throws StorageException {
        delegate.delete(key);
    }

    @Override
    public void close() throws StorageException {
        delegate.close();
    }
}
