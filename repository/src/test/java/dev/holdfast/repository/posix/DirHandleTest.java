package dev.holdfast.repository.posix;

import static dev.holdfast.repository.posix.TestTrees.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirHandleTest {
    @TempDir
    Path tempDir;

    @AfterEach
    void removeTree() throws PosixException {
        TestTrees.deleteContents(tempDir);
    }

    @Test
    void nonUtf8NamesStayDistinct() throws Exception {
        byte[] fe = {(byte) 0xfe};
        byte[] ff = {(byte) 0xff};
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            dir.create(fe, 0644).close();
            dir.create(ff, 0644).close();

            List<byte[]> names = dir.list();

            assertThat(names).hasSize(2);
            assertThat(names).anySatisfy(name -> assertThat(name).isEqualTo(fe));
            assertThat(names).anySatisfy(name -> assertThat(name).isEqualTo(ff));
            assertThat(dir.stat(fe).inode()).isNotEqualTo(dir.stat(ff).inode());
        }
    }

    @Test
    void nameWithNewlineRoundTrips() throws Exception {
        byte[] name = bytes("first\nsecond");
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            dir.create(name, 0600).close();

            assertThat(dir.list()).singleElement().isEqualTo(name);
            assertThat(dir.stat(name).type()).isEqualTo(FileType.REGULAR);
        }
        assertThat(Files.exists(tempDir.resolve("first\nsecond"))).isTrue();
    }

    @Test
    void listSkipsDotEntriesAndRepeats() throws Exception {
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            dir.mkdir(bytes("sub"), 0755).close();
            dir.create(bytes("file"), 0644).close();
            dir.symlink(bytes("file"), bytes("link"));

            List<String> first = names(dir.list());
            List<String> second = names(dir.list());

            assertThat(first).containsExactlyInAnyOrder("sub", "file", "link");
            assertThat(second).containsExactlyInAnyOrderElementsOf(first);
        }
    }

    @Test
    void listReadsLargeDirectory() throws Exception {
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            for (int i = 0; i < 3000; i++) {
                dir.create(bytes("entry-with-a-longer-name-" + i), 0644).close();
            }

            assertThat(dir.list()).hasSize(3000);
        }
    }

    @Test
    void pathBeyondPathMaxIsWalked() throws Exception {
        byte[] component = new byte[200];
        Arrays.fill(component, (byte) 'd');
        int depth = 25;
        long bottomInode;
        try (DirHandle root = DirHandle.open(bytes(tempDir))) {
            List<DirHandle> chain = new ArrayList<>(List.of(root));
            for (int i = 0; i < depth; i++) {
                chain.add(chain.getLast().openOrMkdir(component, 0755));
            }
            DirHandle bottom = chain.getLast();
            try (FileHandle file = bottom.create(bytes("leaf"), 0644)) {
                file.write(0, bytes("deep"), 0, 4);
            }
            assertThat(bottom.path().length).isGreaterThan(4096);
            bottomInode = bottom.stat().inode();
            chain.subList(1, chain.size()).forEach(DirHandle::close);

            assertThat(walkToLeaf(root, 0)).isEqualTo(depth);
        }

        try (DirHandle bottom = DirHandle.open(deepPath(component, depth))) {
            assertThat(bottom.stat().inode()).isEqualTo(bottomInode);
            assertThat(names(bottom.list())).containsExactly("leaf");
        }
    }

    @Test
    void mkdirOnTakenNameFails() throws Exception {
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            dir.mkdir(bytes("a"), 0755).close();

            assertThatThrownBy(() -> dir.mkdir(bytes("a"), 0755))
                    .isInstanceOfSatisfying(PosixException.class,
                            e -> assertThat(e.isAlreadyExists()).isTrue());
        }
    }

    @Test
    void openOrMkdirReturnsExistingDirectory() throws Exception {
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            long inode;
            try (DirHandle created = dir.openOrMkdir(bytes("a"), 0755)) {
                inode = created.stat().inode();
            }

            try (DirHandle again = dir.openOrMkdir(bytes("a"), 0755)) {
                assertThat(again.stat().inode()).isEqualTo(inode);
            }
        }
    }

    @Test
    void openDirRejectsSymlink() throws Exception {
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            dir.mkdir(bytes("real"), 0755).close();
            dir.symlink(bytes("real"), bytes("link"));

            assertThatThrownBy(() -> dir.openDir(bytes("link")))
                    .isInstanceOf(PosixException.class)
                    .hasMessageContaining("openat")
                    .hasMessageContaining("/link\"");
            assertThatThrownBy(() -> dir.openOrMkdir(bytes("link"), 0755))
                    .isInstanceOf(PosixException.class);
        }
    }

    @Test
    void openFollowsSymlinkAtTopLevel() throws Exception {
        Files.createDirectory(tempDir.resolve("real"));
        Files.createSymbolicLink(tempDir.resolve("link"), tempDir.resolve("real"));

        try (DirHandle link = DirHandle.open(bytes(tempDir.resolve("link")));
                DirHandle dir = DirHandle.open(bytes(tempDir))) {
            assertThat(link.stat().inode()).isEqualTo(dir.stat(bytes("real")).inode());
        }
    }

    @Test
    void renameUnlinkAndRmdirChangeListing() throws Exception {
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            dir.create(bytes("old"), 0644).close();
            dir.mkdir(bytes("empty"), 0755).close();

            dir.rename(bytes("old"), bytes("new\u00e9"));
            assertThat(names(dir.list())).containsExactlyInAnyOrder("new\u00e9", "empty");

            dir.unlink(bytes("new\u00e9"));
            dir.rmdir(bytes("empty"));
            assertThat(dir.list()).isEmpty();
        }
    }

    @Test
    void unlinkOfDirectoryFails() throws Exception {
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            dir.mkdir(bytes("sub"), 0755).close();

            assertThatThrownBy(() -> dir.unlink(bytes("sub")))
                    .isInstanceOf(PosixException.class);
            assertThat(dir.stat(bytes("sub")).type()).isEqualTo(FileType.DIRECTORY);
        }
    }

    @Test
    void namesThatLeaveDirectoryAreRejected() throws Exception {
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            for (String name : List.of("", ".", "..", "a/b", "/etc", "nul\0byte")) {
                assertThatThrownBy(() -> dir.stat(bytes(name)))
                        .as("name %s", name)
                        .isInstanceOf(IllegalArgumentException.class);
            }
            assertThatThrownBy(() -> dir.stat(bytes("...")))
                    .isInstanceOfSatisfying(PosixException.class,
                            e -> assertThat(e.isNotFound()).isTrue());
        }
    }

    @Test
    void openRejectsRelativePath() {
        assertThatThrownBy(() -> DirHandle.open(bytes("relative/dir")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("relative/dir");
    }

    @Test
    void closedHandleRejectsCalls() throws Exception {
        DirHandle dir = DirHandle.open(bytes(tempDir));
        dir.close();
        dir.close();

        assertThatThrownBy(dir::list)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
    }

    @Test
    void freeBytesIsPositive() throws Exception {
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            assertThat(DirHandle.freeBytes(bytes(tempDir))).isPositive();
            assertThat(dir.freeBytes()).isPositive();
        }
    }

    @Test
    void directoryMetadataIsSetThroughHandle() throws Exception {
        try (DirHandle dir = DirHandle.open(bytes(tempDir));
                DirHandle sub = dir.mkdir(bytes("sub"), 0700)) {
            sub.chmod(0750);
            sub.setTimes(1_000, 1, 2_000, 999_999_999);
            sub.fsync();

            FileStat stat = dir.stat(bytes("sub"));
            assertThat(stat.mode()).isEqualTo(0750);
            assertThat(stat.mtimeSec()).isEqualTo(2_000);
            assertThat(stat.mtimeNsec()).isEqualTo(999_999_999);
            assertThat(stat.atimeNsec()).isEqualTo(1);
        }
    }

    @Test
    void callsLeaveNoDescriptorsOpen() throws Exception {
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            exerciseDescriptors(dir);
            long before = openDescriptors();

            for (int i = 0; i < 200; i++) {
                exerciseDescriptors(dir);
            }

            assertThat(openDescriptors() - before).isLessThan(5);
        }
    }

    /** Runs calls that open and close descriptors, failing ones included. */
    private void exerciseDescriptors(DirHandle dir) throws Exception {
        try (DirHandle sub = dir.openOrMkdir(bytes("sub"), 0755);
                FileHandle file = sub.create(bytes("f"), 0644)) {
            file.write(0, bytes("x"), 0, 1);
        }
        try (DirHandle sub = dir.openDir(bytes("sub"));
                FileHandle file = sub.openRead(bytes("f"))) {
            file.read(0, new byte[1], 0, 1);
            sub.list();
            sub.xattrs(bytes("f"));
            sub.unlink(bytes("f"));
        }
        assertThatThrownBy(() -> dir.openDir(bytes("missing"))).isInstanceOf(PosixException.class);
        assertThatThrownBy(() -> DirHandle.open(bytes(tempDir.resolve("missing"))))
                .isInstanceOf(PosixException.class);
        dir.rmdir(bytes("sub"));
    }

    private static long openDescriptors() throws Exception {
        try (var entries = Files.list(Path.of("/proc/self/fd"))) {
            return entries.count();
        }
    }

    /** Walks down through the only subdirectory at each level; returns the depth of "leaf". */
    private static int walkToLeaf(DirHandle dir, int level) throws PosixException {
        for (byte[] name : dir.list()) {
            FileStat stat = dir.stat(name);
            if (stat.type() == FileType.DIRECTORY) {
                try (DirHandle child = dir.openDir(name)) {
                    return walkToLeaf(child, level + 1);
                }
            }
            if (Arrays.equals(name, bytes("leaf"))) {
                try (FileHandle file = dir.openRead(name)) {
                    byte[] content = new byte[16];
                    int count = file.read(0, content, 0, content.length);
                    assertThat(new String(content, 0, count, StandardCharsets.UTF_8))
                            .isEqualTo("deep");
                }
                return level;
            }
        }
        String path = new String(dir.path(), StandardCharsets.UTF_8);
        throw new AssertionError("no leaf below " + path);
    }

    private byte[] deepPath(byte[] component, int depth) {
        StringBuilder path = new StringBuilder(tempDir.toAbsolutePath().toString());
        String name = new String(component, StandardCharsets.UTF_8);
        for (int i = 0; i < depth; i++) {
            path.append('/').append(name);
        }
        return bytes(path.toString());
    }

    private static List<String> names(List<byte[]> names) {
        return names.stream().map(name -> new String(name, StandardCharsets.UTF_8)).toList();
    }
}
