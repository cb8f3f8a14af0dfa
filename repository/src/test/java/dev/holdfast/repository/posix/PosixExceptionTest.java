package dev.holdfast.repository.posix;

import static dev.holdfast.repository.posix.TestTrees.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PosixExceptionTest {
    @TempDir
    Path tempDir;

    @Test
    void missingNameCarriesErrnoAndEscapedPath() throws Exception {
        byte[] name = {'n', 'o', (byte) 0xfe, '\\'};
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            PosixException error = catchThrowableOfType(PosixException.class,
                    () -> dir.stat(name));

            assertThat(error.errno()).isEqualTo(2);
            assertThat(error.function()).isEqualTo("fstatat");
            assertThat(error.isNotFound()).isTrue();
            assertThat(error.isNoSpace()).isFalse();
            assertThat(error.isPermissionDenied()).isFalse();
            assertThat(error.path()).endsWith(name);
            assertThat(error.getMessage()).isEqualTo("fstatat \"" + tempDir.toAbsolutePath()
                    + "/no\\xfe\\x5c\" failed: No such file or directory (ENOENT)");
        }
    }

    @Test
    void openOfMissingDirectoryNamesPath() {
        PosixException error = catchThrowableOfType(PosixException.class,
                () -> DirHandle.open(bytes(tempDir.resolve("absent").toString())));

        assertThat(error.isNotFound()).isTrue();
        assertThat(error.getMessage()).contains("openat \"" + tempDir.resolve("absent") + "\"");
    }

    @Test
    void checksMatchTheirErrnoValues() {
        byte[] path = bytes("/p");

        assertThat(new PosixException("write", path, null, 28).isNoSpace()).isTrue();
        assertThat(new PosixException("write", path, null, 122).isNoSpace()).isTrue();
        assertThat(new PosixException("open", path, null, 13).isPermissionDenied()).isTrue();
        assertThat(new PosixException("open", path, null, 1).isPermissionDenied()).isTrue();
        assertThat(new PosixException("open", path, null, 17).isAlreadyExists()).isTrue();
        assertThat(new PosixException("open", path, null, 13).isNotFound()).isFalse();
    }

    @Test
    void unknownErrnoIsShownByNumber() {
        PosixException error = new PosixException("read", bytes("/p"), null, 4000);

        assertThat(error.getMessage()).startsWith("read \"/p\" failed: ").endsWith("(errno 4000)");
    }
}
