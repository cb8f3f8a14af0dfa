package dev.holdfast.repository.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.repository.posix.DirHandle;
import dev.holdfast.repository.posix.FileHandle;
import dev.holdfast.repository.posix.PosixException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compares sparse files without reading their holes: only the ranges where either file has
 * data are read, since outside them both files read as zeros.
 */
final class SparseContent {
    private SparseContent() {
    }

    /** Returns the {start, end} ranges of a file that hold data (SEEK_DATA and SEEK_HOLE). */
    static List<long[]> dataRanges(FileHandle file) throws PosixException {
        long size = file.stat().size();
        List<long[]> ranges = new ArrayList<>();
        long position = 0;
        while (position < size) {
            long data = file.seekData(position);
            if (data < 0) {
                break;
            }
            long hole = file.seekHole(data);
            long end = hole < 0 ? size : hole;
            ranges.add(new long[] {data, end});
            position = end;
        }
        return ranges;
    }

    /** Asserts equal sizes and equal bytes; returns how many bytes were compared. */
    static long assertSameContent(Path expected, Path actual) throws PosixException {
        try (FileHandle a = openRead(expected); FileHandle b = openRead(actual)) {
            assertThat(b.stat().size()).isEqualTo(a.stat().size());
            List<long[]> ranges = new ArrayList<>(dataRanges(a));
            ranges.addAll(dataRanges(b));
            long compared = 0;
            for (long[] range : ranges) {
                compared += compare(a, b, range[0], range[1]);
            }
            return compared;
        }
    }

    private static long compare(FileHandle a, FileHandle b, long start, long end)
            throws PosixException {
        byte[] left = new byte[1 << 20];
        byte[] right = new byte[1 << 20];
        for (long position = start; position < end; position += left.length) {
            int length = (int) Math.min(left.length, end - position);
            int n = readFully(a, position, left, length);
            int m = readFully(b, position, right, length);
            assertThat(m).as("bytes readable at %d", position).isEqualTo(n);
            assertThat(Arrays.equals(left, 0, n, right, 0, m))
                    .as("content of %d bytes at offset %d", n, position).isTrue();
        }
        return end - start;
    }

    private static int readFully(FileHandle file, long position, byte[] buffer, int length)
            throws PosixException {
        int done = 0;
        while (done < length) {
            int n = file.read(position + done, buffer, done, length - done);
            if (n < 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    private static FileHandle openRead(Path file) throws PosixException {
        try (DirHandle dir = Trees.open(file.toAbsolutePath().getParent())) {
            return dir.openRead(TestRepositories.bytes(file.getFileName().toString()));
        }
    }
}
