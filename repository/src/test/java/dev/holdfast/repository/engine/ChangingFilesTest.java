package dev.holdfast.repository.engine;

import static dev.holdfast.repository.engine.TestRepositories.backup;
import static dev.holdfast.repository.engine.TestRepositories.bytes;
import static dev.holdfast.repository.engine.TestRepositories.restore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.repository.BackupSummary;
import dev.holdfast.repository.Entry;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RestoreSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that grow or shrink while they are read. The change is made before the first pack is
 * uploaded while other uploads wait, so the reader can be ahead of the uploads by at most the
 * backup's blob budget (32 MiB) and a few packs. The file is 96 MiB, so the reader is always
 * partway through it when the change happens.
 */
class ChangingFilesTest {
    private static final long SIZE = 96L << 20;
    private static final long SEED = 42;

    @TempDir
    Path temp;

    @Test
    void appendedFile_storedAsOpenedAndFlagged() throws Exception {
        Path file = source("growing");
        AtomicBoolean appending = new AtomicBoolean(true);
        Thread appender = Thread.ofPlatform().unstarted(() -> appendUntilStopped(file, appending));
        HookedProvider provider = new HookedProvider(TestRepositories.provider(
                temp.resolve("repo")), "data/");
        provider.beforeFirstPut(() -> {
            append(file);
            appender.start();
        });
        try (Repository repository = Repository.init(provider, TestRepositories.passphrase(),
                TestRepositories.LARGE_CHUNKS, "test")) {
            BackupSummary backup;
            try {
                backup = backup(repository, file.getParent());
            } finally {
                appending.set(false);
                appender.join();
            }

            assertChanged(repository, backup, "/src/growing");
            assertThat(storedSize(repository, backup, "/src/growing")).isEqualTo(SIZE);
            assertThat(storedDigest(repository, backup, "/src/growing"))
                    .isEqualTo(originalDigest(SIZE));
        }
    }

    @Test
    void truncatedFile_storedConsistentlyAndFlagged() throws Exception {
        Path file = source("shrinking");
        HookedProvider provider = new HookedProvider(TestRepositories.provider(
                temp.resolve("repo")), "data/");
        provider.beforeFirstPut(() -> truncate(file, SIZE / 2));
        try (Repository repository = Repository.init(provider, TestRepositories.passphrase(),
                TestRepositories.LARGE_CHUNKS, "test")) {
            BackupSummary backup = backup(repository, file.getParent());

            assertChanged(repository, backup, "/src/shrinking");
            long stored = storedSize(repository, backup, "/src/shrinking");
            assertThat(stored).isBetween(SIZE / 2, SIZE - 1);
            String digest = originalDigest(stored);
            assertThat(storedDigest(repository, backup, "/src/shrinking")).isEqualTo(digest);

            RestoreSummary restored = restore(repository, backup.snapshotId(),
                    temp.resolve("restore"));
            assertThat(restored.failed()).isEmpty();
            TreeListing.Facts facts = TreeListing.of(temp.resolve("restore/src"))
                    .get("/shrinking");
            assertThat(facts.size()).isEqualTo(stored);
            assertThat(facts.sha256()).isEqualTo(digest);
        }
    }

    private Path source(String name) throws IOException {
        Path folder = temp.resolve("src");
        java.nio.file.Files.createDirectories(folder);
        Path file = folder.resolve(name);
        Trees.writeLarge(file, SEED, SIZE);
        return file;
    }

    private static void assertChanged(Repository repository, BackupSummary backup, String path)
            throws Exception {
        assertThat(backup.changedWhileRead()).containsExactly(path);
        assertThat(backup.warnings()).isEmpty();
        assertThat(backup.partial()).isTrue();
        assertThat(repository.snapshot(backup.snapshotId()).partial()).isTrue();
    }

    private static long storedSize(Repository repository, BackupSummary backup, String path)
            throws Exception {
        List<Entry> entries = new ArrayList<>();
        repository.walk(backup.snapshotId(), bytes(path), entries::add);
        return entries.getFirst().size();
    }

    /** Returns the digest of the content read back, which must add up to the stored size. */
    private static String storedDigest(Repository repository, BackupSummary backup, String path)
            throws Exception {
        MessageDigest digest = TreeListing.sha256();
        try (InputStream content = repository.openFile(backup.snapshotId(), bytes(path))) {
            byte[] buffer = new byte[1 << 20];
            for (int n = content.read(buffer); n >= 0; n = content.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Returns the digest of the first {@code length} bytes the source file was written with. */
    private static String originalDigest(long length) {
        MessageDigest digest = TreeListing.sha256();
        for (long done = 0; done < length; done += 1 << 20) {
            byte[] block = Trees.random(SEED + done, 1 << 20);
            digest.update(block, 0, (int) Math.min(block.length, length - done));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Appends 4 KiB about every millisecond, as a log file being written would grow. */
    private static void appendUntilStopped(Path file, AtomicBoolean appending) {
        try {
            while (appending.get()) {
                append(file);
                Thread.sleep(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void append(Path file) {
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.seek(out.length());
            out.write(new byte[4096]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void truncate(Path file, long size) {
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
