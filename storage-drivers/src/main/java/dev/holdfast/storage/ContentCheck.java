package dev.holdfast.storage;

/**
 * A test of bytes read from a provider, supplied by the layer that can tell sound bytes from
 * damaged ones (a hash or an authentication tag). A provider that keeps several copies reads
 * another copy when the check rejects one.
 */
@FunctionalInterface
public interface ContentCheck {
    /** Accepts everything; for reads whose bytes the caller cannot check. */
    ContentCheck NONE = data -> null;

    /** Returns null when {@code data} is sound, otherwise the reason it is damaged. */
    String problem(byte[] data);

    /**
     * Returns {@code data} when {@code check} accepts it.
     *
     * @throws StorageException of kind {@link StorageException.Kind#DAMAGED}, naming the
     *     provider, the key and the reason
     */
    static byte[] require(String provider, String key, byte[] data, ContentCheck check)
            throws StorageException {
        String problem = check.problem(data);
        if (problem != null) {
            throw new StorageException(StorageException.Kind.DAMAGED, provider, "get", key,
                    "damaged copy: " + problem);
        }
        return data;
    }
}
