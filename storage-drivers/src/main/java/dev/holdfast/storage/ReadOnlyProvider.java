package dev.holdfast.storage;

/**
 * A provider that passes reads through and rejects puts and deletes with a PERMANENT error,
 * for restores and checks that must not change a repository.
 */
public final class ReadOnlyProvider extends ForwardingProvider {
    public ReadOnlyProvider(Provider delegate) {
        super(delegate);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] data) throws StorageException {
        throw rejected("put", key);
    }

    /** Rejects at once, where the inherited method would copy a pack only to reject it. */
    @Override
    public boolean putIfAbsent(String key, byte[] data, int length) throws StorageException {
        throw rejected("put", key);
    }

    @Override
    public void delete(String key) throws StorageException {
        throw rejected("delete", key);
    }

    private StorageException rejected(String operation, String key) {
        return new StorageException(StorageException.Kind.PERMANENT, name(), operation, key,
                "the provider is read-only, so puts and deletes are rejected; open it without"
                        + " the read-only setting to change objects");
    }
}
