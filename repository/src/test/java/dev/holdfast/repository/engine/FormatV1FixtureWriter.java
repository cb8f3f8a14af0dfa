package dev.holdfast.repository.engine;

import dev.holdfast.crypto.Argon2Parameters;
import dev.holdfast.repository.BackupSummary;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryOptions;
import dev.holdfast.repository.posix.DirHandle;
import dev.holdfast.repository.posix.FileHandle;
import dev.holdfast.storage.filesystem.FileSystemProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Wrote the committed format-v1 fixture once; kept to document how it was made. It must not be
 * run to replace the fixture, because the fixture's value is that an old version wrote it, so
 * it refuses an output folder that exists.
 *
 * <p>Usage: {@code FormatV1FixtureWriter OUTPUT_FOLDER WORK_FOLDER}, run as root.
 */
public final class FormatV1FixtureWriter {
    static final String PASSPHRASE = "holdfast format v1 fixture";
    private static final long MTIME = 1_735_689_600L;

    private FormatV1FixtureWriter() {
    }

    public static void main(String[] arguments) throws Exception {
        Path output = Path.of(arguments[0]).toAbsolutePath();
        if (Files.exists(output)) {
            throw new IllegalStateException("output folder \"" + output + "\" exists; the "
                    + "format-v1 fixture is written once and never regenerated");
        }
        Path source = Path.of(arguments[1]).toAbsolutePath().resolve("fixture");
        buildSource(source);
        Files.createDirectories(output);
        RepositoryOptions options = new RepositoryOptions(4 * 1024, 16 * 1024, 64 * 1024,
                256 * 1024, 3, Argon2Parameters.forTestsOnly());
        try (Repository repository = Repository.init(FileSystemProvider.create("fixture",
                output.resolve("repository")), PASSPHRASE.toCharArray(), options, "fixture")) {
            BackupSummary backup = repository.backup(TestRepositories.request(source),
                    dev.holdfast.repository.Progress.NONE);
            System.out.println("snapshot " + backup.snapshotId());
        }
        Files.writeString(output.resolve("passphrase.txt"), PASSPHRASE + "\n");
        Files.write(output.resolve("expected.txt"), expected(source), StandardCharsets.UTF_8);
    }

    private static List<String> expected(Path source) throws IOException {
        List<String> lines = new ArrayList<>(List.of(FormatV1Fixture.HEADER));
        for (Map.Entry<String, TreeListing.Facts> entry : TreeListing.of(source).entries()
                .entrySet()) {
            lines.add(FormatV1Fixture.line("/fixture" + entry.getKey(), entry.getValue()));
        }
        return lines;
    }

    /** Builds a few entries of each kind the format records, with fixed times and modes. */
    private static void buildSource(Path source) throws IOException {
        Files.createDirectories(source.resolve("docs"));
        try (DirHandle top = Trees.open(source); DirHandle docs = top.openDir(b("docs"))) {
            Trees.write(top, b("hello.txt"), b("Hello, Holdfast.\n"));
            Trees.write(top, b("empty"), new byte[0]);
            Trees.write(top, new byte[] {'r', 'a', 'w', '-', (byte) 0xff, (byte) 0xfe},
                    b("a name that is not UTF-8\n"));
            Trees.write(docs, b("notes.md"), Trees.compressible(1, 40_000));
            Trees.write(docs, b("random.bin"), Trees.random(2, 70_000));
            top.symlink(b("hello.txt"), b("link"));
            docs.link(top, b("hello.txt"), b("hello-again.txt"));
            sparse(top);
            for (DirHandle dir : List.of(docs, top)) {
                for (byte[] name : dir.list()) {
                    dir.setTimes(name, MTIME, 0, MTIME, 123_456_789);
                }
            }
            top.chmod(b("empty"), 0600);
        }
        Files.setLastModifiedTime(source, java.nio.file.attribute.FileTime.fromMillis(
                MTIME * 1000));
    }

    /** 3 MiB long: a hole of 1 MiB, 8 KiB of data, then a hole to the end. */
    private static void sparse(DirHandle top) throws IOException {
        try (FileHandle file = top.create(b("sparse"), 0644)) {
            byte[] data = Trees.random(3, 8192);
            file.write(1 << 20, data, 0, data.length);
            file.truncate(3 << 20);
        }
    }

    private static byte[] b(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
