package dev.holdfast.storage;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A storage endpoint that keeps objects under keys. Implementations are thread-safe. Objects are
 * written once and never modified; a writer that loses a race finds the object already there.
 */
public interface Provider extends AutoCloseable {
    /** The configured name, used in every message about this provider. */
    String name();

    /**
     * Stores {@code data} under {@code key} unless an object with that key exists.
     * The object becomes visible whole or not at all.
     *
     * @return true when stored, false when the key was already present (nothing written)
     */
    boolean putIfAbsent(String key, byte[] data) throws StorageException;

    /**
     * Stores the first {@code length} bytes of {@code data}, like
     * {@link #putIfAbsent(String, byte[])}, so that a caller can reuse one buffer for objects of
     * different sizes. The caller may change {@code data} once this returns. This default
     * copies the bytes; a driver that reads them only during the call overrides it.
     */
    default boolean putIfAbsent(String key, byte[] data, int length) throws StorageException {
        Objects.checkFromIndexSize(0, length, data.length);
        return putIfAbsent(key, length == data.length ? data : Arrays.copyOf(data, length));
    }

    /** Returns the whole object; throws with kind {@link StorageException.Kind#NOT_FOUND} if absent. */
    byte[] get(String key) throws StorageException;

    /** Returns {@code length} bytes from {@code offset}; fewer only at the end of the object. */
    byte[] get(String key, long offset, int length) throws StorageException;

    /**
     * Returns the whole object once {@code check} accepts it. A provider with one copy reads
     * once; one with several copies tries the others when the check rejects a copy.
     *
     * @throws StorageException of kind {@link StorageException.Kind#DAMAGED} when no copy passes
     */
    default byte[] get(String key, ContentCheck check) throws StorageException {
        return ContentCheck.require(name(), key, get(key), check);
    }

    /** Returns a range, like {@link #get(String, long, int)}, once {@code check} accepts it. */
    default byte[] get(String key, long offset, int length, ContentCheck check)
            throws StorageException {
        return ContentCheck.require(name(), key, get(key, offset, length), check);
    }

    /** Returns size and time of the object, or empty when it does not exist. */
    Optional<ObjectInfo> stat(String key) throws StorageException;

    /** Calls {@code sink} for each object whose key starts with {@code prefix}, in no set order. */
    void list(String prefix, Consumer<ObjectInfo> sink) throws StorageException;

    /** Removes the object; removing an absent object succeeds. */
    void delete(String key) throws StorageException;

    /**
     * Returns whether the configuration declares that this provider's credential cannot
     * delete, so commands that delete refuse before they start. Most providers can delete.
     */
    default boolean appendOnly() {
        return false;
    }

    /**
     * Returns the object-lock retention that this provider requests on every upload, or empty
     * when it requests none. An object then cannot be deleted before its upload time, as
     * listings report it, plus this retention.
     */
    default Optional<Duration> objectLockRetention() {
        return Optional.empty();
    }

    @Override
    void close() throws StorageException;
}
