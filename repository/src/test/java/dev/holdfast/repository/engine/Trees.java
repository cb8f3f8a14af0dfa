package dev.holdfast.repository.engine;

import dev.holdfast.repository.posix.DirHandle;
import dev.holdfast.repository.posix.FileHandle;
import dev.holdfast.repository.posix.FileStat;
import dev.holdfast.repository.posix.FileType;
import dev.holdfast.repository.posix.PosixException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Builds and removes test trees through the POSIX layer, which java.nio cannot do for names
 * that are not UTF-8 or paths longer than PATH_MAX.
 */
final class Trees {
    private Trees() {
    }

    static DirHandle open(Path folder) throws PosixException {
        return DirHandle.open(TestRepositories.bytes(folder));
    }

    /** Returns the metadata of the entry itself, not of a link target. */
    static FileStat stat(Path path) throws PosixException {
        try (DirHandle dir = open(path.toAbsolutePath().getParent())) {
            return dir.stat(TestRepositories.bytes(path.getFileName().toString()));
        }
    }

    /** Creates a file with the content, mode 0644. */
    static void write(DirHandle dir, byte[] name, byte[] content) throws PosixException {
        try (FileHandle file = dir.create(name, 0644)) {
            file.write(0, content, 0, content.length);
        }
    }

    static void write(Path folder, String name, byte[] content) throws PosixException {
        try (DirHandle dir = open(folder)) {
            write(dir, TestRepositories.bytes(name), content);
        }
    }

    /** Sets mode and times of the entry, as a restore must reproduce them. */
    static void stamp(DirHandle dir, byte[] name, int mode, long mtimeSeconds, int mtimeNanos)
            throws PosixException {
        dir.chmod(name, mode);
        dir.setTimes(name, mtimeSeconds, 0, mtimeSeconds, mtimeNanos);
    }

    /** Returns bytes that do not compress, the same for the same seed. */
    static byte[] random(long seed, int length) {
        byte[] bytes = new byte[length];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < length; i += 8) {
            long word = random.nextLong();
            for (int b = 0; b < 8 && i + b < length; b++) {
                bytes[i + b] = (byte) (word >>> (8 * b));
            }
        }
        return bytes;
    }

    /** Returns text-like bytes that zstd shrinks to a small fraction. */
    static byte[] compressible(long seed, int length) {
        byte[] bytes = new byte[length];
        SplittableRandom random = new SplittableRandom(seed);
        String[] words = {"backup ", "restore ", "chunk ", "pack ", "index ", "tree\n"};
        int i = 0;
        while (i < length) {
            byte[] word = TestRepositories.bytes(words[random.nextInt(words.length)]);
            int n = Math.min(word.length, length - i);
            System.arraycopy(word, 0, bytes, i, n);
            i += n;
        }
        return bytes;
    }

    /** Writes a file of random data in 1 MiB steps, for sources of many megabytes. */
    static void writeLarge(Path file, long seed, long size) throws java.io.IOException {
        try (var out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += 1 << 20) {
                out.write(random(seed + written, (int) Math.min(1 << 20, size - written)));
            }
        }
    }

    /** Removes the folder and everything below it, without following links. */
    static void delete(Path folder) throws PosixException {
        if (!Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirHandle dir = open(folder)) {
            deleteContents(dir);
        }
        try (DirHandle parent = open(folder.toAbsolutePath().getParent())) {
            parent.rmdir(TestRepositories.bytes(folder.getFileName().toString()));
        }
    }

    static void deleteContents(DirHandle dir) throws PosixException {
        for (byte[] name : dir.list()) {
            if (dir.stat(name).type() == FileType.DIRECTORY) {
                dir.chmod(name, 0700);
                try (DirHandle child = dir.openDir(name)) {
                    deleteContents(child);
                }
                dir.rmdir(name);
            } else {
                dir.unlink(name);
            }
        }
    }
}
