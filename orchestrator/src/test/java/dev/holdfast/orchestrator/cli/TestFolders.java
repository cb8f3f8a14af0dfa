package dev.holdfast.orchestrator.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads, compares and damages folders: those of filesystem providers, sources and restores. */
final class TestFolders {
    private TestFolders() {
    }

    /** Returns every object file below {@code root} by key, locks and temporary files left out. */
    static Map<String, byte[]> objectsOf(Path root) throws IOException {
        Map<String, byte[]> objects = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String key = root.relativize(file).toString();
                if (!key.startsWith("locks/") && !key.startsWith(".tmp")) {
                    objects.put(key, Files.readAllBytes(file));
                }
            }
        }
        return objects;
    }

    /** Deletes everything in {@code root} but the folder itself, as a provider that lost it all. */
    static void empty(Path root) throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.toList()) {
                try (Stream<Path> tree = Files.walk(entry)) {
                    for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
        }
    }

    /** Returns each regular file below {@code root} by relative path, with its size and hash. */
    static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                byte[] content = Files.readAllBytes(path);
                files.put(root.relativize(path).toString(),
                        content.length + ":" + Arrays.hashCode(content));
            }
        }
        return files;
    }

    /**
     * Flips bits of the middle byte of {@code file}, as failing storage would, and returns the
     * damaged content.
     */
    static byte[] damage(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(file, bytes);
        return bytes;
    }

    /** Returns the pack file that sorts first below {@code root}. */
    static Path anyPack(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve("data"))) {
            return files.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
        }
    }
}
