package dev.holdfast.repository.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.crypto.Argon2Parameters;
import dev.holdfast.repository.RepositoryOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup that runs out of heap in a child JVM without the launcher's exit-on-OOM option:
 * it must stop with an error, not wait forever. A worker that died holding an upload slot
 * once left every other worker waiting for it.
 */
class OutOfHeapBackupTest {
    /** Packs of 16 MiB, as the default, so that sealing one needs two pack-sized buffers. */
    private static final RepositoryOptions LARGE_PACKS = new RepositoryOptions(256 * 1024,
            1024 * 1024, 4 * 1024 * 1024, 16 * 1024 * 1024, 0, Argon2Parameters.forTestsOnly());

    @TempDir
    Path temp;

    @Test
    void backup_heapTooSmall_failsRatherThanHangs() throws Exception {
        Path source = Files.createDirectory(temp.resolve("source"));
        for (int i = 0; i < 6; i++) {
            Files.write(source.resolve("file-" + i), Trees.random(40 + i, 20 * 1024 * 1024));
        }
        Path repository = temp.resolve("repository");
        TestRepositories.create(repository, LARGE_PACKS).close();
        Path output = temp.resolve("child.out");

        // With 56 MiB the heap runs out while a full pack is sealed, the spot that hung: a
        // build without the fix waited past the timeout there, and ended at 48 and 64 MiB.
        Process child = ChildJvm.engineChild(output, List.of("-Xmx56m", "-XX:+UseSerialGC"),
                "backup", repository.toString(), source.toString()).start();
        boolean ended = child.waitFor(90, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly().waitFor();
        }

        assertThat(ended).as("the child ended; output: %s", ChildJvm.output(output)).isTrue();
        assertThat(child.exitValue()).as(ChildJvm.output(output)).isNotZero();
        assertThat(ChildJvm.output(output)).doesNotContain("snapshot=");
    }
}
