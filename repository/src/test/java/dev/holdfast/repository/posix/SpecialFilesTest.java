package dev.holdfast.repository.posix;

import static dev.holdfast.repository.posix.TestTrees.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SpecialFilesTest {
    @TempDir
    Path tempDir;

    @AfterEach
    void removeTree() throws PosixException {
        TestTrees.deleteContents(tempDir);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void fifoIsCreatedAndOpenedWithoutBlocking() throws Exception {
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            dir.mkfifo(bytes("pipe"), 0640);

            FileStat stat = dir.stat(bytes("pipe"));
            assertThat(stat.type()).isEqualTo(FileType.FIFO);
            assertThat(stat.mode() & 0600).isEqualTo(0600);

            // Without O_NONBLOCK this open would wait for a writer forever.
            try (FileHandle pipe = dir.openRead(bytes("pipe"))) {
                assertThat(pipe.stat().type()).isEqualTo(FileType.FIFO);
                assertThatThrownBy(() -> pipe.read(0, new byte[8], 0, 8))
                        .isInstanceOfSatisfying(PosixException.class,
                                e -> assertThat(e.errno()).isEqualTo(29 /* ESPIPE */));
            }
        }
    }

    @Test
    void charDeviceIsCreatedAsRoot() throws Exception {
        assumeTrue(Accounts.isRoot(), "mknod of a device needs root");
        long device = FileStat.makeDevice(1, 3);
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            dir.mknod(bytes("null"), FileType.CHAR_DEVICE.modeBits() | 0600, device);

            FileStat stat = dir.stat(bytes("null"));
            assertThat(stat.type()).isEqualTo(FileType.CHAR_DEVICE);
            assertThat(stat.rdev()).isEqualTo(device);
            assertThat(FileStat.major(stat.rdev())).isEqualTo(1);
            assertThat(FileStat.minor(stat.rdev())).isEqualTo(3);
            assertThat(stat.mode()).isEqualTo(0600);
        }
    }

    @Test
    void hardLinksShareInodeAndCount() throws Exception {
        try (DirHandle dir = DirHandle.open(bytes(tempDir));
                DirHandle other = dir.mkdir(bytes("other"), 0755)) {
            dir.create(bytes("original"), 0644).close();

            dir.link(dir, bytes("original"), bytes("second"));
            other.link(dir, bytes("original"), bytes("third"));

            FileStat original = dir.stat(bytes("original"));
            assertThat(original.links()).isEqualTo(3);
            assertThat(other.stat(bytes("third")).inode()).isEqualTo(original.inode());
            assertThat(dir.stat(bytes("second")).inode()).isEqualTo(original.inode());

            dir.unlink(bytes("second"));
            assertThat(dir.stat(bytes("original")).links()).isEqualTo(2);
        }
    }

    @Test
    void hardLinkToMissingNameNamesBothPaths() throws Exception {
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            assertThatThrownBy(() -> dir.link(dir, bytes("missing"), bytes("new")))
                    .isInstanceOfSatisfying(PosixException.class,
                            e -> assertThat(e.isNotFound()).isTrue())
                    .hasMessageContaining("/missing\" to \"")
                    .hasMessageContaining("/new\" failed");
        }
    }

    @Test
    void symlinkTargetReadsBackByteForByte() throws Exception {
        byte[] target = {'.', '.', '/', 'n', 'o', (byte) 0xff, '\n', 'x'};
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            dir.symlink(target, bytes("link"));

            assertThat(dir.readLink(bytes("link"))).isEqualTo(target);
            FileStat stat = dir.stat(bytes("link"));
            assertThat(stat.type()).isEqualTo(FileType.SYMLINK);
            assertThat(stat.size()).isEqualTo(target.length);
        }
    }

    @Test
    void longSymlinkTargetReadsBack() throws Exception {
        byte[] target = new byte[4000];
        Arrays.fill(target, (byte) 'a');
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            dir.symlink(target, bytes("link"));

            assertThat(dir.readLink(bytes("link"))).isEqualTo(target);
        }
    }

    @Test
    void symlinkTimesKeepNanoseconds() throws Exception {
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            dir.symlink(bytes("dangling-target"), bytes("link"));

            dir.setTimes(bytes("link"), 1_234_567_890L, 111_222_333, 1_300_000_000L, 987_654_321);

            FileStat stat = dir.stat(bytes("link"));
            assertThat(stat.atimeSec()).isEqualTo(1_234_567_890L);
            assertThat(stat.atimeNsec()).isEqualTo(111_222_333);
            assertThat(stat.mtimeSec()).isEqualTo(1_300_000_000L);
            assertThat(stat.mtimeNsec()).isEqualTo(987_654_321);
        }
    }

    @Test
    void chmodOfSymlinkFails() throws Exception {
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            dir.create(bytes("target"), 0644).close();
            dir.symlink(bytes("target"), bytes("link"));

            assertThatThrownBy(() -> dir.chmod(bytes("link"), 0777))
                    .isInstanceOf(PosixException.class);
            assertThat(dir.stat(bytes("target")).mode()).isEqualTo(0644 & ~umask(dir));
        }
    }

    @Test
    void readLinkOfRegularFileFails() throws Exception {
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            dir.create(bytes("file"), 0644).close();

            assertThatThrownBy(() -> dir.readLink(bytes("file")))
                    .isInstanceOfSatisfying(PosixException.class,
                            e -> assertThat(e.function()).isEqualTo("readlinkat"));
        }
    }

    /** Finds the umask by creating a probe file with mode 0777. */
    private static int umask(DirHandle dir) throws PosixException {
        dir.create(bytes("umask-probe"), 0777).close();
        int mode = dir.stat(bytes("umask-probe")).mode();
        dir.unlink(bytes("umask-probe"));
        return 0777 & ~mode;
    }
}
