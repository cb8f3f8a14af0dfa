package dev.holdfast.repository.engine;

import dev.holdfast.crypto.Argon2Parameters;
import dev.holdfast.repository.BackupRequest;
import dev.holdfast.repository.BackupSummary;
import dev.holdfast.repository.Progress;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.RepositoryOptions;
import dev.holdfast.repository.RestoreRequest;
import dev.holdfast.repository.RestoreSummary;
import dev.holdfast.repository.index.IndexEntry;
import dev.holdfast.repository.pack.BlobType;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.StorageException;
import dev.holdfast.storage.filesystem.FileSystemProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Repositories on the real file-system provider, with cheap key slots and small chunks. */
final class TestRepositories {
    static final String HOST = "engine-test-host";

    /** Chunks of 4 KiB to 64 KiB and packs of 256 KiB, so chunk and pack edges come quickly. */
    static final RepositoryOptions SMALL_CHUNKS = new RepositoryOptions(4 * 1024, 16 * 1024,
            64 * 1024, 256 * 1024, 3, Argon2Parameters.forTestsOnly());

    /** Chunks of 64 KiB to 1 MiB and packs of 1 MiB, for sources of many megabytes. */
    static final RepositoryOptions LARGE_CHUNKS = new RepositoryOptions(64 * 1024, 256 * 1024,
            1024 * 1024, 1024 * 1024, 1, Argon2Parameters.forTestsOnly());

    private static final String PASSPHRASE = "correct horse battery staple";

    private TestRepositories() {
    }

    static char[] passphrase() {
        return PASSPHRASE.toCharArray();
    }

    static Provider provider(Path folder) throws StorageException {
        return FileSystemProvider.create("test", folder);
    }

    static Repository create(Path folder, RepositoryOptions options) throws Exception {
        return Repository.init(provider(folder), passphrase(), options, "test key");
    }

    static Repository open(Path folder) throws Exception {
        return open(provider(folder));
    }

    static Repository open(Provider provider) throws RepositoryException {
        return Repository.open(provider, passphrase());
    }

    static BackupRequest request(Path... sources) {
        return new BackupRequest(List.of(sources), HOST, List.of(), null, List.of());
    }

    static BackupSummary backup(Repository repository, Path... sources) throws RepositoryException {
        return repository.backup(request(sources), Progress.NONE);
    }

    static RestoreSummary restore(Repository repository, String snapshotId, Path target)
            throws RepositoryException {
        return repository.restore(new RestoreRequest(snapshotId, target, List.of(), false, true),
                Progress.NONE);
    }

    /** Counts the data blobs in the repository's index. */
    static long dataBlobs(Repository repository) {
        AtomicLong count = new AtomicLong();
        repository.index().forEach(entry -> {
            if (entry.blob().type() == BlobType.DATA) {
                count.incrementAndGet();
            }
        });
        return count.get();
    }

    /** Returns the index entries of every blob of one type, in the order they were added. */
    static List<IndexEntry> entries(Repository repository, BlobType type) {
        List<IndexEntry> entries = new java.util.ArrayList<>();
        repository.index().forEach(entry -> {
            if (entry.blob().type() == type) {
                entries.add(entry);
            }
        });
        return entries;
    }

    /** Returns the raw bytes of an absolute path whose text is ASCII, as test folders are. */
    static byte[] bytes(Path path) {
        return path.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Joins raw path components with '/'. */
    static byte[] join(byte[]... parts) {
        byte[] joined = new byte[0];
        for (byte[] part : parts) {
            int start = joined.length;
            joined = Arrays.copyOf(joined, start + 1 + part.length);
            joined[start] = '/';
            System.arraycopy(part, 0, joined, start + 1, part.length);
        }
        return joined;
    }
}
