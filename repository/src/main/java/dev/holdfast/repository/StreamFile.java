package dev.holdfast.repository;

import java.io.IOException;
import java.io.InputStream;

/**
 * One file of a stream backup whose bytes come from a stream rather than the file system, such
 * as a dump tool's standard output. The backup reads the stream once, to its end, and then
 * closes it; a close that throws fails the backup, so a producer that exits with an error
 * reports it there and no snapshot is written.
 */
public interface StreamFile {
    /**
     * Returns the file's path below the request's folder: path elements separated by '/',
     * none empty, {@code .} or {@code ..}, such as {@code orders/dump.custom}.
     */
    String name();

    /** Starts the producer and returns its output. Called once, when the file's turn comes. */
    InputStream open() throws IOException;
}
