package dev.holdfast.orchestrator.database;

import java.io.IOException;
import java.io.InputStream;

/**
 * One named file of a database backup, produced when it is opened and read once.
 *
 * <p>A stream that runs a dump tool returns the tool's standard output. Its {@code close()}
 * waits for the tool and throws an {@link IOException} that names the tool, its exit status
 * and the last lines of its error output when the tool failed, or when the stream was closed
 * before its end (then the tool is stopped first).
 */
public interface DumpStream {
    /** Returns the path of the file in the snapshot, like {@code shop/dump.custom}. */
    String name();

    /** Starts producing the file. Callers open the streams of a list in list order. */
    InputStream open() throws IOException;
}
