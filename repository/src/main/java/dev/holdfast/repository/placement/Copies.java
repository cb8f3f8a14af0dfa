package dev.holdfast.repository.placement;

import dev.holdfast.storage.ContentCheck;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.StorageException;

/** Reads of single copies, each sorted into sound, damaged or unreadable. */
final class Copies {
    private Copies() {
    }

    /**
     * The outcome of reading one copy.
     *
     * @param data the bytes when they passed the check, otherwise null
     * @param problem why the bytes failed the check, or null
     * @param failure the read's failure, or null when the provider returned bytes
     * @param size bytes the provider returned, 0 when it failed
     */
    record Read(byte[] data, String problem, StorageException failure, long size) {
        boolean sound() {
            return data != null;
        }

        boolean damaged() {
            return problem != null;
        }
    }

    static Read read(Provider provider, String key, ContentCheck check) {
        byte[] data;
        try {
            data = provider.get(key);
        } catch (StorageException e) {
            return new Read(null, null, e, 0);
        }
        String problem = check.problem(data);
        return problem == null ? new Read(data, null, null, data.length)
                : new Read(null, problem, null, data.length);
    }
}
