package dev.holdfast.storage;

import java.util.Objects;

/**
 * A provider whose credential can add and read objects but not delete them. Deletes are
 * rejected with a PERMANENT error naming the provider, except under one prefix that the
 * credential may delete in (the repository's lock objects). The commands check
 * {@link #appendOnly()} and refuse before they start, so this wrapper is the last line of
 * defence against a delete that slipped through, not the way users learn about the setting.
 */
public final class AppendOnlyProvider extends ForwardingProvider {
    private final String deletablePrefix;

    /**
     * @param deletablePrefix keys under this prefix may still be deleted, such as
     *     {@code locks/}; must not be empty
     */
    public AppendOnlyProvider(Provider delegate, String deletablePrefix) {
        super(delegate);
        Objects.requireNonNull(deletablePrefix, "deletablePrefix");
        if (deletablePrefix.isEmpty()) {
            throw new IllegalArgumentException("deletable prefix is empty, which would allow "
                    + "every delete; name the prefix of the objects that may be deleted");
        }
        this.deletablePrefix = deletablePrefix;
    }

    @Override
    public boolean appendOnly() {
        return true;
    }

    /** Passes the length on, so that a pack in a longer buffer is not copied first. */
    @Override
    public boolean putIfAbsent(String key, byte[] data, int length) throws StorageException {
        return delegate().putIfAbsent(key, data, length);
    }

    @Override
    public void delete(String key) throws StorageException {
        if (!key.startsWith(deletablePrefix)) {
            throw new StorageException(StorageException.Kind.PERMANENT, name(), "delete", key,
                    "the provider is append-only (append-only: true), so only objects under \""
                            + deletablePrefix + "\" may be deleted; run the command from a "
                            + "host whose credential for this provider can delete");
        }
        delegate.delete(key);
    }
}
