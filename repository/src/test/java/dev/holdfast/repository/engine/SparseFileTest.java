package dev.holdfast.repository.engine;

import static dev.holdfast.repository.engine.TestRepositories.bytes;
import static dev.holdfast.repository.engine.TestRepositories.create;
import static dev.holdfast.repository.engine.TestRepositories.restore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.repository.BackupSummary;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RestoreSummary;
import dev.holdfast.repository.posix.DirHandle;
import dev.holdfast.repository.posix.FileHandle;
import dev.holdfast.repository.posix.FileStat;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 10 GiB file that contains 1 MiB of data: the backup reads only the data, and the restore fits
 * on a 64 MiB volume because it leaves the holes unallocated.
 */
class SparseFileTest {
    private static final long SIZE = 10L << 30;
    private static final int REGION = 256 << 10;
    /** Four block-aligned regions of 256 KiB, so the file starts and ends with a hole. */
    private static final long[] REGIONS = {1L << 30, 4L << 30, (7L << 30) + 4096, 9L << 30};

    @TempDir
    Path temp;

    @Test
    void sparseFile_holesNeitherReadNorAllocated() throws Exception {
        Path source = temp.resolve("src");
        Files.createDirectory(source);
        makeSparseFile(source);
        long data = (long) REGIONS.length * REGION;

        try (Repository repository = create(temp.resolve("repo"), TestRepositories.LARGE_CHUNKS);
                TmpfsVolume volume = TmpfsVolume.mount(temp.resolve("volume"), "64m")) {
            FinalProgress progress = new FinalProgress();
            BackupSummary backup = repository.backup(TestRepositories.request(source), progress);
            assertThat(backup.bytesRead()).isEqualTo(data);
            assertThat(progress.bytesDone()).isEqualTo(SIZE).isEqualTo(progress.bytesTotal());
            assertThat(repository.snapshot(backup.snapshotId()).bytes()).isEqualTo(SIZE);

            RestoreSummary restored = restore(repository, backup.snapshotId(), volume.folder());

            assertThat(restored.failed()).isEmpty();
            assertThat(restored.bytes()).isEqualTo(data);
            Path copy = volume.folder().resolve("src/sparse");
            FileStat stat = Trees.stat(copy);
            assertThat(stat.size()).isEqualTo(SIZE);
            assertThat(stat.allocatedBytes()).isBetween(data, data + 64 * 1024);
            long compared = SparseContent.assertSameContent(source.resolve("sparse"), copy);
            assertThat(compared).isLessThanOrEqualTo(2 * data);
        }
    }

    private static void makeSparseFile(Path source) throws Exception {
        try (DirHandle dir = Trees.open(source);
                FileHandle file = dir.create(bytes("sparse"), 0644)) {
            for (int i = 0; i < REGIONS.length; i++) {
                byte[] region = Trees.random(i, REGION);
                file.write(REGIONS[i], region, 0, region.length);
            }
            file.truncate(SIZE);
        }
    }
}
