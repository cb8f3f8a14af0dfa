package dev.holdfast.orchestrator.restoretest;

import dev.holdfast.crypto.Argon2Parameters;
import dev.holdfast.orchestrator.config.SourceConfig;
import dev.holdfast.repository.BackupRequest;
import dev.holdfast.repository.Progress;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryOptions;
import dev.holdfast.storage.filesystem.FileSystemProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A repository on the filesystem provider with one file source, {@value #SOURCE}, that holds
 * a large random file, small files with set modes and times, and a symbolic link.
 */
final class TestRepository {
    static final String SOURCE = "docs";
    static final String PASSPHRASE = "correct horse battery staple";
    static final int LARGE = 1 << 20;
    private static final RepositoryOptions OPTIONS = new RepositoryOptions(16 * 1024,
            64 * 1024, 256 * 1024, 4 * 1024 * 1024, 3, Argon2Parameters.forTestsOnly());

    private TestRepository() {
    }

    /** Creates the source's files below {@code folder}/data and returns that folder. */
    static Path source(Path folder) throws IOException {
        Path data = Files.createDirectories(folder.resolve("data"));
        Files.createDirectories(data.resolve("sub"));
        byte[] large = new byte[LARGE];
        new Random(1).nextBytes(large);
        Files.write(data.resolve("large.bin"), large);
        Path secret = Files.writeString(data.resolve("sub/secret.txt"), "only for the owner");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(data.resolve("a.txt"), "alpha");
        Files.createSymbolicLink(data.resolve("link"), Path.of("a.txt"));
        Files.setLastModifiedTime(data.resolve("a.txt"),
                FileTime.from(Instant.parse("2024-01-02T03:04:05.678901234Z")));
        return folder.resolve("data");
    }

    static Repository create(Path folder) throws Exception {
        return Repository.init(FileSystemProvider.create("local", folder),
                PASSPHRASE.toCharArray(), OPTIONS, "test key");
    }

    static String backup(Repository repository, Path source) throws Exception {
        BackupRequest request = new BackupRequest(List.of(source), "test-host", List.of(),
                null, List.of());
        return repository.backup(request, Progress.NONE).snapshotId();
    }

    static SourceConfig sourceConfig(Path source) {
        return new SourceConfig(SOURCE, List.of(source), List.of());
    }

    /** Flips one byte in the middle of the largest pack, which holds the large file's data. */
    static String damageLargestPack(Path repository) throws IOException {
        Path pack;
        try (Stream<Path> files = Files.walk(repository.resolve("data"))) {
            pack = files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .max(Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(pack);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(pack, bytes);
        return repository.relativize(pack).toString();
    }
}
