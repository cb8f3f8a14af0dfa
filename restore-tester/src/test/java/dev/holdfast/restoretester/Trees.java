package dev.holdfast.restoretester;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Random;

/** Builds small trees with files, a folder, a link and set modes and times, for tests. */
final class Trees {
    static final Instant MODIFIED = Instant.parse("2024-05-06T07:08:09.123456789Z");

    private Trees() {
    }

    /** Fills {@code folder} with a sample tree whose content depends on {@code seed}. */
    static Path sample(Path folder, long seed) throws IOException {
        Files.createDirectories(folder.resolve("data/sub"));
        Files.writeString(folder.resolve("data/a.txt"), "alpha " + seed, StandardCharsets.UTF_8);
        byte[] random = new byte[10_000];
        new Random(seed).nextBytes(random);
        Path binary = Files.write(folder.resolve("data/sub/b.bin"), random);
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rw-------"));
        Files.createFile(folder.resolve("data/empty"));
        Path link = Files.createSymbolicLink(folder.resolve("data/link"), Path.of("a.txt"));
        Files.getFileAttributeView(link, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.from(MODIFIED), null, null);
        Files.setPosixFilePermissions(folder.resolve("data/sub"),
                PosixFilePermissions.fromString("rwxr-x---"));
        for (String name : new String[] {"data/a.txt", "data/sub/b.bin", "data/empty",
            "data/sub", "data"}) {
            Files.setLastModifiedTime(folder.resolve(name), FileTime.from(MODIFIED));
        }
        return folder;
    }

    /** Writes a file of {@code bytes} random bytes into {@code folder}. */
    static Path large(Path folder, int bytes) throws IOException {
        Files.createDirectories(folder);
        byte[] content = new byte[bytes];
        new Random(bytes).nextBytes(content);
        Files.write(folder.resolve("large.bin"), content);
        return folder;
    }
}
