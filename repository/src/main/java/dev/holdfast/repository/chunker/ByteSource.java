package dev.holdfast.repository.chunker;

import java.io.IOException;

/**
 * A source of bytes read in order, such as a file or a dump tool's output; the method reference
 * {@code inputStream::read} is one.
 */
@FunctionalInterface
public interface ByteSource {
    /**
     * Reads up to {@code length} bytes into {@code buffer} at {@code offset}, blocking until at
     * least one byte is available.
     *
     * @return the number of bytes read, at least 1 when {@code length > 0}, or -1 at the end
     */
    int read(byte[] buffer, int offset, int length) throws IOException;
}
