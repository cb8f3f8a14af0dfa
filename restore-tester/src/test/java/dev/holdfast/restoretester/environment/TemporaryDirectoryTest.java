package dev.holdfast.restoretester.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporaryDirectoryTest {
    @TempDir
    Path parent;
    @TempDir
    Path state;

    @Test
    void create_makesEmptyFolderAndMarker() throws IOException {
        try (TemporaryDirectory directory = TemporaryDirectory.create(parent, 1024, state)) {
            assertThat(directory.path()).isEmptyDirectory();
            assertThat(directory.path().getParent()).isEqualTo(parent.toAbsolutePath());
            assertThat(directory.path().getFileName().toString()).startsWith("holdfast-");
            assertThat(state).isDirectoryContaining("glob:**.marker");
            assertThat(directory.describe()).contains(directory.path().toString());
        }
    }

    @Test
    void close_deletesReadOnlyTreeAndMarker() throws IOException {
        TemporaryDirectory directory = TemporaryDirectory.create(parent, 0, state);
        Path nested = Files.createDirectories(directory.path().resolve("a/b"));
        Path file = Files.writeString(nested.resolve("file"), "restored");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        Files.setPosixFilePermissions(nested, PosixFilePermissions.fromString("r-x------"));

        directory.close();
        directory.close();

        assertThat(directory.path()).doesNotExist();
        assertThat(state).isEmptyDirectory();
    }

    @Test
    void create_tooLittleSpace_namesFolderAndBytes() throws IOException {
        long free = Files.getFileStore(parent).getUsableSpace();

        assertThatThrownBy(() -> TemporaryDirectory.create(parent, Long.MAX_VALUE, state))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("'" + parent.toAbsolutePath() + "'")
                .hasMessageContaining(Long.MAX_VALUE + " bytes needed")
                .hasMessageContaining("bytes free");
        assertThat(free).isLessThan(Long.MAX_VALUE);
        assertThat(parent).isEmptyDirectory();
        assertThat(state).isEmptyDirectory();
    }

    @Test
    void create_negativeBytes_isRejected() {
        assertThatThrownBy(() -> TemporaryDirectory.create(parent, -1, state))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
