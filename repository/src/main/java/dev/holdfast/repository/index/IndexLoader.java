package dev.holdfast.repository.index;

import dev.holdfast.crypto.Keyring;
import dev.holdfast.repository.index.IndexFile.IndexFormatException;
import dev.holdfast.repository.objects.DamagedObjectException;
import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.repository.objects.ObjectStore;
import dev.holdfast.storage.StorageException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/** Reads every index file, many at a time, into one {@link Index}. */
public final class IndexLoader {
    private static final int PARALLEL_READS = 16;

    /**
     * An index file that could not be read, with the reason.
     *
     * @param damaged true when the bytes were read but are not a valid, authentic index file
     */
    public record Failure(String object, String message, boolean damaged) {
    }

    /** The merged index, every index file read, and the ones that failed. */
    public record Result(Index index, List<String> files, List<Failure> failures) {
    }

    private IndexLoader() {
    }

    public static Result load(ObjectStore store, Keyring keyring) throws StorageException {
        List<String> names = store.list(ObjectKind.INDEX);
        Index index = new Index();
        List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
        Semaphore permits = new Semaphore(PARALLEL_READS);
        List<Future<?>> tasks = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String name : names) {
                tasks.add(executor.submit(() -> {
                    permits.acquireUninterruptibly();
                    try {
                        readOne(store, keyring, name, index, failures);
                    } finally {
                        permits.release();
                    }
                }));
            }
        }
        return new Result(index, names, List.copyOf(failures));
    }

    private static void readOne(ObjectStore store, Keyring keyring, String name, Index index,
            List<Failure> failures) {
        String key = ObjectKind.INDEX.key(name);
        try {
            for (IndexedPack pack : IndexFile.open(keyring, store.get(ObjectKind.INDEX, name))) {
                index.addPack(pack);
            }
        } catch (StorageException e) {
            failures.add(new Failure(key, e.getMessage(), false));
        } catch (DamagedObjectException e) {
            failures.add(new Failure(key, e.getMessage() + "; run `holdfast rebuild-index`", true));
        } catch (IndexFormatException e) {
            failures.add(new Failure(key, "index " + key + " is damaged: " + e.getMessage()
                    + "; run `holdfast rebuild-index`", true));
        }
    }
}
