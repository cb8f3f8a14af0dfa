package dev.holdfast.repository.posix;

import static dev.holdfast.repository.posix.TestTrees.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnershipTest {
    private static final int OTHER_UID = 12_345;
    private static final int OTHER_GID = 23_456;

    @TempDir
    Path tempDir;

    @AfterEach
    void removeTree() throws PosixException {
        TestTrees.deleteContents(tempDir);
    }

    @Test
    void chmodSetsSpecialBits() throws Exception {
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            dir.create(bytes("file"), 0600).close();
            dir.mkdir(bytes("dir"), 0700).close();

            dir.chmod(bytes("file"), 04755);
            dir.chmod(bytes("dir"), 01777);

            assertThat(dir.stat(bytes("file")).mode()).isEqualTo(04755);
            assertThat(dir.stat(bytes("dir")).mode()).isEqualTo(01777);
        }
    }

    @Test
    void chownToOtherIdsAsRoot() throws Exception {
        assumeTrue(Accounts.isRoot(), "chown to another uid needs root");
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            dir.create(bytes("file"), 0644).close();

            dir.chown(bytes("file"), OTHER_UID, OTHER_GID);

            FileStat stat = dir.stat(bytes("file"));
            assertThat(stat.uid()).isEqualTo(OTHER_UID);
            assertThat(stat.gid()).isEqualTo(OTHER_GID);
        }
    }

    @Test
    void chownOfSymlinkLeavesTarget() throws Exception {
        assumeTrue(Accounts.isRoot(), "chown to another uid needs root");
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            dir.create(bytes("target"), 0644).close();
            dir.symlink(bytes("target"), bytes("link"));
            int targetUid = dir.stat(bytes("target")).uid();

            dir.chown(bytes("link"), OTHER_UID, -1);

            assertThat(dir.stat(bytes("link")).uid()).isEqualTo(OTHER_UID);
            assertThat(dir.stat(bytes("target")).uid()).isEqualTo(targetUid);
        }
    }

    @Test
    void fileHandleChownAsRoot() throws Exception {
        assumeTrue(Accounts.isRoot(), "chown to another uid needs root");
        try (DirHandle dir = DirHandle.open(bytes(tempDir));
                FileHandle file = dir.create(bytes("file"), 0644)) {
            file.chown(OTHER_UID, OTHER_GID);

            FileStat stat = file.stat();
            assertThat(stat.uid()).isEqualTo(OTHER_UID);
            assertThat(stat.gid()).isEqualTo(OTHER_GID);
        }
    }
}
