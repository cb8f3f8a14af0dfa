package dev.holdfast.repository.posix;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Helpers for tests that build trees java.nio cannot delete (names that are not UTF-8, paths
 * longer than PATH_MAX), so each test removes what it made through this package.
 */
final class TestTrees {
    private TestTrees() {
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(Path path) {
        return bytes(path.toAbsolutePath().toString());
    }

    /** Removes everything inside the directory, depth first, without following links. */
    static void deleteContents(DirHandle dir) throws PosixException {
        for (byte[] name : dir.list()) {
            if (dir.stat(name).type() == FileType.DIRECTORY) {
                try (DirHandle child = dir.openDir(name)) {
                    deleteContents(child);
                }
                dir.rmdir(name);
            } else {
                dir.unlink(name);
            }
        }
    }

    static void deleteContents(Path dir) throws PosixException {
        try (DirHandle handle = DirHandle.open(bytes(dir))) {
            deleteContents(handle);
        }
    }
}
