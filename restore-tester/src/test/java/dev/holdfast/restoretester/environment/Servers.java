package dev.holdfast.restoretester.environment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Reads the markers of a state folder in tests. */
final class Servers {
    private Servers() {
    }

    static List<Marker> markers(Path stateFolder) throws IOException {
        try (Stream<Path> files = Files.list(stateFolder)) {
            List<Path> markerFiles = files.filter(f -> f.toString().endsWith(Marker.SUFFIX))
                    .toList();
            return markerFiles.stream().map(Servers::read).toList();
        }
    }

    /** Returns the running server of the only marker in {@code stateFolder}. */
    static ProcessHandle recordedServer(Path stateFolder) throws IOException {
        List<Marker> markers = markers(stateFolder);
        assertThat(markers).hasSize(1);
        return ProcessHandle.of(markers.getFirst().serverPid()).orElseThrow();
    }

    private static Marker read(Path file) {
        try {
            return Marker.read(file).orElseThrow();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
