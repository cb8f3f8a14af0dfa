package dev.holdfast.orchestrator.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.repository.Progress;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RestoreRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Restores snapshots of a folder named "source" and compares them with it, file by file. */
final class Restores {
    private Restores() {
    }

    /**
     * Restores {@code snapshot} into a new folder below {@code temp} and asserts that nothing
     * failed and that every file equals its original in {@code source}.
     */
    static void assertRestores(Repository repository, String snapshot, Path source, Path temp)
            throws Exception {
        Path target = Files.createTempDirectory(temp, "restore");
        var summary = repository.restore(new RestoreRequest(snapshot, target, List.of(), false,
                false), Progress.NONE);

        assertThat(summary.failed()).isEmpty();
        assertThat(contents(target.resolve("source"))).isEqualTo(contents(source));
    }

    /** Returns the SHA-256 of each regular file below {@code folder}, by relative path. */
    static Map<String, String> contents(Path folder) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(path).toString(),
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                                .digest(Files.readAllBytes(path))));
            }
        }
        return files;
    }
}
