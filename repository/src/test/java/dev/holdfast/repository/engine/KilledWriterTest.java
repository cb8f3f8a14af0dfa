package dev.holdfast.repository.engine;

import static dev.holdfast.repository.engine.TestRepositories.backup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.holdfast.repository.BackupSummary;
import dev.holdfast.repository.CheckReport;
import dev.holdfast.repository.Progress;
import dev.holdfast.repository.Repository;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A backup process killed with SIGKILL leaves a repository that checks clean, a lock that the
 * next backup recognises as stale, and uploaded packs that the next backup reuses.
 *
 * <p>The child is killed once a given number of index files exist. The system property
 * {@code holdfast.test.killPoints} (default "1,3") lists those numbers, and
 * {@code holdfast.test.killMegabytes} (default 64) sizes the source, for longer runs.
 */
class KilledWriterTest {
    private static final long SIZE = Long.getLong("holdfast.test.killMegabytes", 64) << 20;

    @TempDir
    static Path shared;
    private static Path source;
    private static long freshBytes;

    static Stream<Integer> killPoints() {
        String points = System.getProperty("holdfast.test.killPoints", "1,3");
        return Arrays.stream(points.split(",")).map(String::trim).map(Integer::valueOf);
    }

    @BeforeAll
    static void backUpOnceWithoutKill() throws Exception {
        source = Files.createDirectory(shared.resolve("src"));
        Trees.writeLarge(source.resolve("big"), 11, SIZE);
        for (int i = 0; i < 50; i++) {
            Files.write(source.resolve("small-" + i), Trees.random(1000 + i, 3000));
        }
        try (Repository fresh = TestRepositories.create(shared.resolve("fresh"),
                TestRepositories.LARGE_CHUNKS)) {
            BackupSummary backup = backup(fresh, source);
            freshBytes = backup.bytesAdded();
        }
    }

    @ParameterizedTest(name = "killed after {0} index files")
    @MethodSource("killPoints")
    void killedBackup_resumedByNextBackup(int indexFiles,
            @TempDir Path temp) throws Exception {
        Path folder = temp.resolve("repo");
        TestRepositories.create(folder, TestRepositories.LARGE_CHUNKS).close();
        killBackupAfter(folder, indexFiles, temp.resolve("child.txt"));
        assertThat(list(folder.resolve("snapshots"))).isEmpty();
        assertThat(list(folder.resolve("locks"))).hasSize(1);
        Path copy = temp.resolve("copy");
        copyTree(folder, copy);

        try (Repository crashed = TestRepositories.open(copy)) {
            CheckReport check = crashed.check(true, Progress.NONE);
            assertThat(check.problems()).isEmpty();
            assertThat(check.blobsRead()).isGreaterThan(0);
        }
        try (Repository repository = TestRepositories.open(folder)) {
            long indexed = repository.index().blobCount();
            assertThat(indexed).isGreaterThan(0);
            long indexedBytes = packBytes(folder, repository.index().packs());

            BackupSummary resumed = backup(repository, source);

            assertThat(resumed.blobsAdded())
                    .as("blobs stored again although an index lists them")
                    .isEqualTo(repository.index().blobCount() - indexed);
            assertThat(resumed.bytesAdded()).isLessThan(freshBytes - indexedBytes / 2);
            assertThat(list(folder.resolve("locks"))).isEmpty();
            assertThat(digest(repository, resumed.snapshotId()))
                    .isEqualTo(sourceDigest());
            assertThat(repository.check(false, Progress.NONE).problems()).isEmpty();
        }
    }

    /** Starts a backup in a child JVM and kills it once {@code indexFiles} index files exist. */
    private static void killBackupAfter(Path folder, int indexFiles, Path output)
            throws Exception {
        Process child = ChildJvm.engineChild(output, "backup", folder.toString(),
                source.toString()).start();
        try {
            while (list(folder.resolve("index")).size() < indexFiles) {
                if (!child.isAlive()) {
                    fail("the child ended before %d index files existed; raise "
                            + "holdfast.test.killMegabytes. It printed:%n%s", indexFiles,
                            ChildJvm.output(output));
                }
                Thread.sleep(2);
            }
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        assertThat(child.exitValue()).as("exit status of a process killed by SIGKILL")
                .isEqualTo(128 + 9);
    }

    /** Returns the bytes of the packs an index lists, which the next backup must not upload. */
    private static long packBytes(Path folder, List<String> packs) throws IOException {
        long bytes = 0;
        for (String pack : packs) {
            bytes += Files.size(folder.resolve("data").resolve(pack.substring(0, 2)).resolve(pack));
        }
        return bytes;
    }

    private static List<Path> list(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Files.copy(path, to.resolve(from.relativize(path).toString()));
            }
        }
    }

    private static String digest(Repository repository, String snapshotId) throws Exception {
        MessageDigest digest = TreeListing.sha256();
        try (InputStream in = repository.openFile(snapshotId, TestRepositories.bytes("/src/big"))) {
            byte[] buffer = new byte[1 << 20];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sourceDigest() throws IOException {
        MessageDigest digest = TreeListing.sha256();
        try (InputStream in = Files.newInputStream(source.resolve("big"))) {
            byte[] buffer = new byte[1 << 20];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
