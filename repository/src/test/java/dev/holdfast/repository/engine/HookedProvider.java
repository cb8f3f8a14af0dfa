package dev.holdfast.repository.engine;

import dev.holdfast.storage.ForwardingProvider;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.StorageException;

/**
 * A provider that runs test code before the first put of a key with a given prefix, to change
 * a source at a known point of a backup.
 */
final class HookedProvider extends ForwardingProvider {
    private final String prefix;
    private volatile Runnable beforeFirstPut = () -> { };
    private boolean putHookDone;

    HookedProvider(Provider delegate, String prefix) {
        super(delegate);
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
}
