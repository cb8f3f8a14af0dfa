package dev.holdfast.repository.engine;

import static dev.holdfast.repository.engine.TestRepositories.backup;
import static dev.holdfast.repository.engine.TestRepositories.bytes;
import static dev.holdfast.repository.engine.TestRepositories.create;
import static dev.holdfast.repository.engine.TestRepositories.restore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.holdfast.repository.BackupSummary;
import dev.holdfast.repository.Entry;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RestoreSummary;
import dev.holdfast.repository.posix.DirHandle;
import dev.holdfast.repository.posix.FileStat;
import dev.holdfast.repository.posix.FileType;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FIFOs, sockets and device nodes are metadata: a backup records them without opening them, so
 * a FIFO with no writer cannot hang it, and a restore run as root recreates them.
 */
class SpecialFilesTest {
    private static final byte[] PENDING = bytes("unread bytes in the pipe");

    @TempDir
    Path temp;

    @Test
    void specialFiles_recordedWithoutOpening() throws Exception {
        Path source = temp.resolve("src");
        Files.createDirectory(source);
        makeSpecialFiles(source);
        Trees.write(source, "regular", bytes("12345"));

        try (Repository repository = create(temp.resolve("repo"), TestRepositories.SMALL_CHUNKS);
                FileChannel pipe = FileChannel.open(source.resolve("pipe with data"),
                        StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            pipe.write(ByteBuffer.wrap(PENDING));
            TreeListing before = TreeListing.of(source);
            BackupSummary backup = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> backup(repository, source), "backup of a FIFO without writer");

            assertThat(backup.warnings()).isEmpty();
            assertThat(backup.bytesRead()).isEqualTo(5);
            assertThat(readPending(pipe)).isEqualTo(PENDING);
            assertThat(types(repository, backup.snapshotId())).containsExactly(
                    "/src DIRECTORY", "/src/block BLOCK_DEVICE", "/src/null CHAR_DEVICE",
                    "/src/pipe FIFO", "/src/pipe with data FIFO", "/src/regular FILE",
                    "/src/socket SOCKET");

            RestoreSummary restored = restore(repository, backup.snapshotId(),
                    temp.resolve("restore"));
            assertThat(restored.failed()).isEmpty();
            assertThat(restored.warnings()).isEmpty();
            assertThat(restored.otherEntries()).isEqualTo(5);
            before.assertRestoredAs(TreeListing.of(temp.resolve("restore/src")));
        }
    }

    /** Makes a FIFO without a writer, one that the test keeps open, a socket node and two devices. */
    private static void makeSpecialFiles(Path source) throws Exception {
        try (DirHandle dir = Trees.open(source)) {
            dir.mkfifo(bytes("pipe"), 0640);
            dir.mkfifo(bytes("pipe with data"), 0600);
            dir.mknod(bytes("socket"), FileType.SOCKET.modeBits() | 0755, 0);
            dir.mknod(bytes("null"), FileType.CHAR_DEVICE.modeBits() | 0666,
                    FileStat.makeDevice(1, 3));
            dir.mknod(bytes("block"), FileType.BLOCK_DEVICE.modeBits() | 0600,
                    FileStat.makeDevice(7, 200));
            for (String name : new String[] {"pipe", "socket", "null", "block"}) {
                dir.setTimes(bytes(name), 0, 0, 1_600_000_000L, 314_159_265);
            }
        }
    }

    /** Reads back what the test wrote into the pipe; a backup that read the pipe took it. */
    private static byte[] readPending(FileChannel pipe) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            ByteBuffer buffer = ByteBuffer.allocate(PENDING.length);
            while (buffer.hasRemaining()) {
                pipe.read(buffer);
            }
            return buffer.array();
        }, "the bytes written into the FIFO are gone");
    }

    private static List<String> types(Repository repository, String snapshotId)
            throws Exception {
        List<String> types = new ArrayList<>();
        repository.walk(snapshotId, bytes("/"),
                (Entry entry) -> types.add(entry.displayPath() + " " + entry.type().name()));
        return types;
    }
}
