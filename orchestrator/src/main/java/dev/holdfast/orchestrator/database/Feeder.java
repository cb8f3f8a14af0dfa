package dev.holdfast.orchestrator.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Copies a dump into a tool's standard input or into a private temporary file. */
final class Feeder {
    private static final int BUFFER = 64 * 1024;

    private Feeder() {
    }

    /**
     * Copies {@code source} into the standard input of {@code tool} and closes it. When the
     * tool stops reading (it failed or was killed), the copy stops and the tool's exit status
     * reports what happened. A failure to read {@code source} stops the tool and is thrown.
     */
    static void feed(InputStream source, ToolProcess tool) throws IOException {
        byte[] buffer = new byte[BUFFER];
        OutputStream sink = tool.stdin();
        try {
            int count;
            while ((count = readSource(source, buffer, tool)) >= 0) {
                if (Thread.currentThread().isInterrupted()) {
                    // Ctrl-C interrupts the command's thread: stop the tool, so that the
                    // restorer drops the half-restored database before the JVM exits.
                    tool.kill();
                    throw new SourceFailed(new InterruptedIOException("the restore was "
                            + "interrupted"));
                }
                sink.write(buffer, 0, count);
            }
            sink.close();
        } catch (SourceFailed e) {
            throw e.getCause();
        } catch (IOException e) {
            // The tool closed its input: a broken pipe. Its exit status and errors report why.
            closeQuietly(sink);
        }
    }

    private static int readSource(InputStream source, byte[] buffer, ToolProcess tool)
            throws SourceFailed {
        try {
            return source.read(buffer);
        } catch (IOException e) {
            tool.kill();
            throw new SourceFailed(e);
        }
    }

    /** Copies {@code source} into a new temporary file that only this user can read. */
    static Path spool(InputStream source) throws IOException {
        var ownerOnly = PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"));
        Path file = Files.createTempFile("holdfast-restore-", ".dump", ownerOnly);
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
            source.transferTo(out);
            return file;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static void closeQuietly(OutputStream sink) {
        try {
            sink.close();
        } catch (IOException e) {
            // A closed pipe cannot be closed more; the tool's status is what counts.
        }
    }

    /** Carries a read failure of the source past the handler of write failures. */
    private static final class SourceFailed extends IOException {
        SourceFailed(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }
}
