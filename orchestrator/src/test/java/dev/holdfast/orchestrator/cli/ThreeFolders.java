package dev.holdfast.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * What the command-line tests of replicated repositories share: a configuration of three
 * filesystem providers "a", "b" and "c", run by three operators, each of which placement
 * assigns every object to, and helpers that look at the providers' folders.
 */
final class ThreeFolders {
    static final String SOURCES = """
            sources:
              - name: sample
                paths: [data]
            """;
    static final String CONFIG = """
            repository:
              providers: [a, b, c]
              copies: 3
              differ-by: [operator]
              write-quorum: 2
              chunker: { min: 16KiB, average: 64KiB, max: 256KiB }
              pack-size: 256KiB
            providers:
              - { name: a, driver: filesystem, path: ./a, operator: Alpha }
              - { name: b, driver: filesystem, path: ./b, operator: Bravo }
              - { name: c, driver: filesystem, path: ./c, operator: Charlie }
            """ + SOURCES;

    private ThreeFolders() {
    }

    /** Writes five files of random bytes, about 1 MB in all, to {@code folder}/data. */
    static void writeData(Path folder) throws IOException {
        Path data = Files.createDirectories(folder.resolve("data"));
        Random random = new Random(7);
        for (int i = 0; i < 5; i++) {
            byte[] bytes = new byte[200_000 + i * 1000];
            random.nextBytes(bytes);
            Files.write(data.resolve("file-" + i), bytes);
        }
    }

    static void assertExit(CliRunner.Result result, int expected) {
        assertThat(result.exitCode())
                .as("exit status; stdout: %s; stderr: %s", result.stdout(), result.stderr())
                .isEqualTo(expected);
    }
}
