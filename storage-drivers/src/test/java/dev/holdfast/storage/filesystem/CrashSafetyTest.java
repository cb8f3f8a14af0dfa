package dev.holdfast.storage.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.storage.ObjectInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing JVM with SIGKILL in the middle of a put and checks that every object the
 * provider shows afterwards is whole. Each object's key is the SHA-256 of its content, so a
 * partial object would be caught by its hash.
 */
class CrashSafetyTest {
    private static final int OBJECT_SIZE = 8 << 20;
    private static final int ROUNDS = 3;
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path folder;
    private Path root;

    @Test
    void killDuringPut_leavesOnlyWholeObjects() throws Exception {
        root = FileSystemProvider.create("crash", folder.resolve("repository")).root();
        for (int round = 0; round < ROUNDS; round++) {
            Process writer = startWriter(round);
            try {
                waitForWriteInProgress(writer, 2 * (round + 1));
            } finally {
                writer.destroyForcibly(); // SIGKILL on Linux
                writer.waitFor(30, TimeUnit.SECONDS);
            }
            assertThat(writer.isAlive()).as("writer process after kill").isFalse();
        }

        List<ObjectInfo> objects = listAll(FileSystemProvider.open("check", root));

        assertThat(objects).hasSizeGreaterThanOrEqualTo(2 * ROUNDS);
        FileSystemProvider provider = FileSystemProvider.open("check", root);
        for (ObjectInfo object : objects) {
            byte[] content = provider.get(object.key());
            assertThat(content).as(object.key()).hasSize(OBJECT_SIZE);
            assertThat(CrashingWriter.keyOf(content)).isEqualTo(object.key());
        }
    }

    private Process startWriter(int round) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(),
                "-cp", System.getProperty("java.class.path"),
                CrashingWriter.class.getName(),
                root.toString(), Integer.toString(OBJECT_SIZE), Integer.toString(round))
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("writer-" + round + ".log").toFile())
                .start();
    }

    /**
     * Returns once at least {@code objects} objects are stored and a temporary file shows that
     * the writer is in the middle of the next put.
     */
    private void waitForWriteInProgress(Process writer, int objects) throws Exception {
        Instant deadline = Instant.now().plus(DEADLINE);
        FileSystemProvider provider = FileSystemProvider.open("watch", root);
        while (listAll(provider).size() < objects || !hasTemporaryFile()) {
            assertThat(writer.isAlive())
                    .as("writer process, whose output is in %s", folder).isTrue();
            assertThat(Instant.now()).as("time waiting for the writer").isBefore(deadline);
            Thread.sleep(1);
        }
    }

    private boolean hasTemporaryFile() throws Exception {
        try (Stream<Path> files = Files.list(root.resolve(".tmp"))) {
            return files.findAny().isPresent();
        }
    }

    private static List<ObjectInfo> listAll(FileSystemProvider provider) throws Exception {
        List<ObjectInfo> objects = new ArrayList<>();
        provider.list("", objects::add);
        return objects;
    }
}
