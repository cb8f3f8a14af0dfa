package dev.holdfast.storage.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.storage.StorageException.Kind;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import org.junit.jupiter.api.Test;

class IoFailuresTest {
    @Test
    void kindOf_classifiesByCause() {
        record Case(String description, IOException error, Kind expected) {
        }
        List<Case> cases = List.of(
                new Case("missing file", new NoSuchFileException("/r/x"), Kind.NOT_FOUND),
                new Case("access denied", new AccessDeniedException("/r/x"), Kind.PERMANENT),
                new Case("read-only mount",
                        new FileSystemException("/r/x", null, "Read-only file system"),
                        Kind.PERMANENT),
                new Case("disk full on write", new IOException("No space left on device"),
                        Kind.PERMANENT),
                new Case("quota", new FileSystemException("/r/x", null, "Disk quota exceeded"),
                        Kind.PERMANENT),
                new Case("name too long",
                        new FileSystemException("/r/x", null, "File name too long"),
                        Kind.PERMANENT),
                new Case("object in the way", new KeyConflictException("conflict"),
                        Kind.PERMANENT),
                new Case("I/O error", new IOException("Input/output error"), Kind.TRANSIENT),
                new Case("stale NFS handle",
                        new FileSystemException("/r/x", null, "Stale file handle"),
                        Kind.TRANSIENT),
                new Case("descriptors exhausted",
                        new FileSystemException("/r/x", null, "Too many open files"),
                        Kind.TRANSIENT),
                new Case("no message", new IOException(), Kind.TRANSIENT));

        for (Case c : cases) {
            assertThat(IoFailures.kindOf(c.error())).as(c.description()).isEqualTo(c.expected());
        }
    }

    @Test
    void describe_namesExceptionType() {
        assertThat(IoFailures.describe(new NoSuchFileException("/r/x")))
                .isEqualTo("NoSuchFileException: /r/x");
        assertThat(IoFailures.describe(new IOException())).isEqualTo("IOException");
    }
}
