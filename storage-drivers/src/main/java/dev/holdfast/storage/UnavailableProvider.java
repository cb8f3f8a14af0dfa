package dev.holdfast.storage;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Stand-in for a provider that could not be opened, such as a folder on an unmounted volume.
 * Every call fails with a TRANSIENT error that carries the reason, so replication treats the
 * provider as down: reads fail over and writes count against the quorum. It never creates the
 * missing folder, because writing into an empty mount point would put the copies on the wrong
 * disk.
 */
public final class UnavailableProvider implements Provider {
    private final String name;
    private final String reason;

    /**
     * Creates the stand-in.
     *
     * @param reason why the provider could not be opened, without credentials
     */
    public UnavailableProvider(String name, String reason) {
        this.name = name;
        this.reason = reason;
    }

    /** Returns why the provider could not be opened. */
    public String reason() {
        return reason;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean putIfAbsent(String key, byte[] data) throws StorageException {
        throw unavailable("put", key);
    }

    /** Fails at once, where the inherited method would copy a pack only to fail. */
    @Override
    public boolean putIfAbsent(String key, byte[] data, int length) throws StorageException {
        throw unavailable("put", key);
    }

    @Override
    public byte[] get(String key) throws StorageException {
        throw unavailable("get", key);
    }

    @Override
    public byte[] get(String key, long offset, int length) throws StorageException {
        throw unavailable("get", key);
    }

    @Override
    public Optional<ObjectInfo> stat(String key) throws StorageException {
        throw unavailable("stat", key);
    }

    @Override
    public void list(String prefix, Consumer<ObjectInfo> sink) throws StorageException {
        throw unavailable("list", prefix);
    }

    @Override
    public void delete(String key) throws StorageException {
        throw unavailable("delete", key);
    }

    @Override
    public void close() {
    }

    private StorageException unavailable(String operation, String key) {
        return new StorageException(StorageException.Kind.TRANSIENT, name, operation, key,
                "the provider could not be opened: " + reason);
    }
}
