package dev.holdfast.storage.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.storage.StorageException.Kind;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
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
    void describe_givesReasonInWordsAndFile() {
        assertThat(IoFailures.describe(new NoSuchFileException("/r/x")))
                .isEqualTo("no such file or folder: \"/r/x\"");
        assertThat(IoFailures.describe(new AccessDeniedException("/r/x")))
                .isEqualTo("permission denied: \"/r/x\"");
        assertThat(IoFailures.describe(new IOException())).isEqualTo("input/output error");
        assertThat(IoFailures.describe(new KeyConflictException("conflict"))).isEqualTo("conflict");
    }

    @Test
    void reason_namesNoClassOrFile() {
        record Case(IOException error, String reason) {
        }
        List<Case> cases = List.of(
                new Case(new AccessDeniedException("/r/x"), "permission denied"),
                new Case(new NoSuchFileException("/r/x"), "no such file or folder"),
                new Case(new NotDirectoryException("/r/x"), "not a folder"),
                new Case(new FileAlreadyExistsException("/r/x"),
                        "a file or folder of that name exists"),
                new Case(new FileSystemException("/r/x", null, "Not a directory"),
                        "a part of the path is not a folder"),
                new Case(new FileSystemException("/r/x", null, "Read-only file system"),
                        "read-only file system"),
                new Case(new IOException("Is a directory"), "is a folder"),
                new Case(new ClosedByInterruptException(), "interrupted"),
                new Case(new IOException("EOF reached"), "EOF reached"),
                new Case(new IOException(), "input/output error"));

        for (Case c : cases) {
            assertThat(IoFailures.reason(c.error())).as(c.error().toString())
                    .isEqualTo(c.reason());
        }
    }
}
