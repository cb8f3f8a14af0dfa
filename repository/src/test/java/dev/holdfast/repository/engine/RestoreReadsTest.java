package dev.holdfast.repository.engine;

import static dev.holdfast.repository.engine.TestRepositories.backup;
import static dev.holdfast.repository.engine.TestRepositories.restore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RestoreSummary;
import dev.holdfast.storage.ForwardingProvider;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore reads each pack about once, in few requests, however the backup shuffled the blobs
 * of many small files within their packs.
 */
class RestoreReadsTest {
    private static final int FOLDERS = 30;
    private static final int FILES_PER_FOLDER = 100;

    @TempDir
    Path temp;

    /** Counts the requests for pack bytes and the bytes they return. */
    private static final class CountingProvider extends ForwardingProvider {
        final AtomicLong requests = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();

        CountingProvider(Provider delegate) {
            super(delegate);
        }

        @Override
        public byte[] get(String key) throws StorageException {
            return count(key, delegate.get(key));
        }

        @Override
        public byte[] get(String key, long offset, int length) throws StorageException {
            return count(key, delegate.get(key, offset, length));
        }

        private byte[] count(String key, byte[] data) {
            if (key.startsWith("data/")) {
                requests.incrementAndGet();
                bytes.addAndGet(data.length);
            }
            return data;
        }
    }

    @Test
    void readsEachPackAboutOnce() throws Exception {
        Path source = Files.createDirectories(temp.resolve("src"));
        int seed = 0;
        for (int folder = 0; folder < FOLDERS; folder++) {
            Path dir = Files.createDirectories(source.resolve("d" + folder));
            for (int file = 0; file < FILES_PER_FOLDER; file++) {
                Files.write(dir.resolve("f" + file), Trees.random(seed, 200 + seed % 3000));
                seed++;
            }
        }
        Trees.writeLarge(source.resolve("large.bin"), 7, 6L * 1024 * 1024);
        Path folder = temp.resolve("repo");
        String snapshot;
        try (Repository repository = TestRepositories.create(folder, TestRepositories.SMALL_CHUNKS)) {
            snapshot = backup(repository, source).snapshotId();
        }
        long packBytes = sizeOf(folder.resolve("data"));
        long dataBlobs;
        CountingProvider counting = new CountingProvider(TestRepositories.provider(folder));
        try (Repository repository = TestRepositories.open(counting)) {
            dataBlobs = TestRepositories.dataBlobs(repository);
            RestoreSummary summary = restore(repository, snapshot, temp.resolve("restore"));
            assertThat(summary.failed()).isEmpty();
        }
        TreeListing.of(source).assertRestoredAs(TreeListing.of(temp.resolve("restore/src")));
        // Each 256 KiB pack contains blobs of dozens of small files in random order. Read blob
        // by blob, a restore makes one request per small file, and read pack by pack on demand,
        // it reads packs several times over.
        assertThat(counting.bytes.get()).isLessThanOrEqualTo(packBytes + packBytes / 4);
        assertThat(counting.requests.get()).isLessThan(dataBlobs / 4);
    }

    private static long sizeOf(Path folder) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
        }
    }
}
