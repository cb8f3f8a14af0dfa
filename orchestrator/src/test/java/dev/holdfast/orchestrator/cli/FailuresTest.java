package dev.holdfast.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.holdfast.orchestrator.config.ConfigException;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.RepositoryException.Reason;
import dev.holdfast.storage.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FailuresTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                arguments("user error with its own status",
                        new CliException(ExitCodes.USAGE, "no passphrase"),
                        ExitCodes.USAGE, "no passphrase"),
                arguments("configuration error",
                        new ConfigException("configuration file \"x\" not found", null),
                        ExitCodes.USAGE, "configuration file \"x\" not found"),
                arguments("locked repository",
                        new RepositoryException(Reason.LOCKED, "repository locked by pid 7"),
                        ExitCodes.REPOSITORY_LOCKED, "repository locked by pid 7"),
                arguments("wrong passphrase",
                        new RepositoryException(Reason.WRONG_PASSPHRASE, "no key slot matches"),
                        ExitCodes.WRONG_PASSPHRASE, "no key slot matches"),
                arguments("damaged data",
                        new RepositoryException(Reason.DAMAGED_DATA, "blob ab12 damaged"),
                        ExitCodes.DAMAGED_DATA, "blob ab12 damaged"),
                arguments("snapshot not found after opening",
                        new RepositoryException(Reason.NOT_FOUND, "snapshot \"ff\" not found"),
                        ExitCodes.FAILURE, "snapshot \"ff\" not found"),
                arguments("interrupted thread", new InterruptedException(),
                        ExitCodes.INTERRUPTED, "interrupted"),
                arguments("interrupted channel", new ClosedByInterruptException(),
                        ExitCodes.INTERRUPTED, "interrupted"),
                arguments("provider call cut short by an interrupt",
                        new RepositoryException(Reason.GENERAL, "opening the repository failed",
                                new StorageException(StorageException.Kind.TRANSIENT, "local",
                                        "get", "config", "interrupted",
                                        new ClosedByInterruptException())),
                        ExitCodes.INTERRUPTED, "opening the repository failed"),
                arguments("missing file", new NoSuchFileException("/a/b"),
                        ExitCodes.FAILURE, "file not found: \"/a/b\""),
                arguments("provider failure",
                        new StorageException(StorageException.Kind.PERMANENT, "local", "get",
                                "keys/1", "permission denied", null),
                        ExitCodes.FAILURE,
                        "provider \"local\": get \"keys/1\" failed: permission denied"),
                arguments("permission denied", new AccessDeniedException("/a/b"),
                        ExitCodes.FAILURE, "permission denied: \"/a/b\""),
                arguments("other file-system error",
                        new FileSystemException("/a", null, "Read-only file system"),
                        ExitCodes.FAILURE, "\"/a\": read-only file system"),
                arguments("wrapped I/O error",
                        new UncheckedIOException(new IOException("Broken pipe")),
                        ExitCodes.FAILURE, "input or output failed: broken pipe"),
                arguments("I/O error without a message", new IOException(),
                        ExitCodes.FAILURE, "input or output failed: input/output error"),
                arguments("unexpected exception", new IllegalStateException("stub"),
                        ExitCodes.FAILURE, "internal error: stub (run with --verbose for the "
                                + "stack trace)"),
                arguments("unexpected exception without a message", new NullPointerException(),
                        ExitCodes.FAILURE, "internal error (run with --verbose for the stack "
                                + "trace)"),
                arguments("wrapper that repeats its cause",
                        new RuntimeException(new IOException("Broken pipe")),
                        ExitCodes.FAILURE, "input or output failed: broken pipe"),
                arguments("JVM error during class initialisation",
                        new ExceptionInInitializerError(new UnsupportedOperationException("x")),
                        ExitCodes.FAILURE, "internal error: x (run with --verbose for the "
                                + "stack trace)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void failure_mapsToStatusAndOneLine(String description, Throwable failure, int exitCode,
            String message) {
        assertThat(Failures.exitCode(failure)).isEqualTo(exitCode);
        assertThat(Failures.message(failure)).isEqualTo(message).doesNotContain("\n")
                .doesNotContainPattern("[A-Z][A-Za-z]*(Exception|Error)\\b");
    }
}
