package dev.holdfast.repository.posix;

import static dev.holdfast.repository.posix.TestTrees.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHandleTest {
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path tempDir;

    @AfterEach
    void removeTree() throws PosixException {
        TestTrees.deleteContents(tempDir);
    }

    @Test
    void writeThenReadRoundTrips() throws Exception {
        byte[] content = new byte[3 * (int) MIB + 17];
        new Random(7).nextBytes(content);
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            try (FileHandle file = dir.create(bytes("data"), 0644)) {
                file.write(0, content, 0, content.length);
                file.fsync();
            }

            byte[] read = readAll(dir, bytes("data"), content.length);

            assertThat(Arrays.equals(read, content)).isTrue();
        }
        assertThat(Files.size(tempDir.resolve("data"))).isEqualTo(content.length);
    }

    @Test
    void readHonoursOffsetAndPosition() throws Exception {
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            try (FileHandle file = dir.create(bytes("f"), 0644)) {
                file.write(0, bytes("xxabcdefyy"), 2, 6);
            }
            try (FileHandle file = dir.openRead(bytes("f"))) {
                byte[] buf = new byte[8];

                int count = file.read(2, buf, 1, 7);

                assertThat(count).isEqualTo(4);
                assertThat(Arrays.copyOfRange(buf, 1, 5)).isEqualTo(bytes("cdef"));
                assertThat(file.read(6, buf, 0, 8)).isEqualTo(-1);
                assertThat(file.read(0, buf, 0, 0)).isZero();
            }
        }
    }

    @Test
    void readRejectsBadBounds() throws Exception {
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            dir.create(bytes("f"), 0644).close();
            try (FileHandle file = dir.openRead(bytes("f"))) {
                assertThatThrownBy(() -> file.read(0, new byte[4], 2, 3))
                        .isInstanceOf(IndexOutOfBoundsException.class);
            }
        }
    }

    @Test
    void sparseFileHolesAreFound() throws Exception {
        byte[] chunk = new byte[(int) MIB];
        Arrays.fill(chunk, (byte) 0x5a);
        try (DirHandle dir = DirHandle.open(bytes(tempDir));
                FileHandle file = dir.create(bytes("sparse"), 0644)) {
            file.truncate(64 * MIB);
            file.write(32 * MIB, chunk, 0, chunk.length);
            file.fsync();

            assertThat(file.stat().size()).isEqualTo(64 * MIB);
            assertThat(file.seekData(0)).isEqualTo(32 * MIB);
            assertThat(file.seekHole(32 * MIB)).isEqualTo(33 * MIB);
            assertThat(file.seekData(33 * MIB)).isEqualTo(-1);
            assertThat(file.seekHole(33 * MIB)).isEqualTo(33 * MIB);
            assertThat(file.seekHole(64 * MIB)).isEqualTo(-1);
            assertThat(file.allocatedBytes()).isBetween(MIB, 2 * MIB);
        }
    }

    @Test
    void truncateShrinksFile() throws Exception {
        try (DirHandle dir = DirHandle.open(bytes(tempDir));
                FileHandle file = dir.create(bytes("f"), 0644)) {
            file.write(0, new byte[100], 0, 100);

            file.truncate(10);

            assertThat(file.stat().size()).isEqualTo(10);
        }
    }

    @Test
    void createOnTakenNameFails() throws Exception {
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            dir.create(bytes("f"), 0644).close();
            dir.symlink(bytes("/nonexistent/target"), bytes("link"));

            assertThatThrownBy(() -> dir.create(bytes("f"), 0644))
                    .isInstanceOfSatisfying(PosixException.class,
                            e -> assertThat(e.isAlreadyExists()).isTrue());
            assertThatThrownBy(() -> dir.create(bytes("link"), 0644))
                    .isInstanceOfSatisfying(PosixException.class,
                            e -> assertThat(e.isAlreadyExists()).isTrue());
            assertThat(Files.exists(Path.of("/nonexistent/target"))).isFalse();
        }
    }

    @Test
    void openReadRefusesSymlink() throws Exception {
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            dir.create(bytes("target"), 0644).close();
            dir.symlink(bytes("target"), bytes("link"));

            assertThatThrownBy(() -> dir.openRead(bytes("link")))
                    .isInstanceOfSatisfying(PosixException.class,
                            e -> assertThat(e.errno()).isEqualTo(40 /* ELOOP */));
        }
    }

    @Test
    void metadataIsSetThroughHandle() throws Exception {
        try (DirHandle dir = DirHandle.open(bytes(tempDir));
                FileHandle file = dir.create(bytes("f"), 0600)) {
            file.chmod(0640);
            file.setTimes(1_500_000_000L, 123, 1_600_000_000L, 456_789_012);

            FileStat stat = file.stat();
            assertThat(stat.mode()).isEqualTo(0640);
            assertThat(stat.atimeSec()).isEqualTo(1_500_000_000L);
            assertThat(stat.atimeNsec()).isEqualTo(123);
            assertThat(stat.mtimeSec()).isEqualTo(1_600_000_000L);
            assertThat(stat.mtimeNsec()).isEqualTo(456_789_012);
            assertThat(stat.type()).isEqualTo(FileType.REGULAR);
        }
    }

    @Test
    void closedFileRejectsCalls() throws Exception {
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            FileHandle file = dir.create(bytes("f"), 0644);
            file.close();
            file.close();

            assertThatThrownBy(file::stat)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("/f\" is closed");
        }
    }

    private static byte[] readAll(DirHandle dir, byte[] name, int expectedLength)
            throws PosixException {
        byte[] result = new byte[expectedLength + 1];
        int filled = 0;
        try (FileHandle file = dir.openRead(name)) {
            int count;
            while ((count = file.read(filled, result, filled, result.length - filled)) > 0) {
                filled += count;
            }
        }
        return Arrays.copyOf(result, filled);
    }
}
