package dev.holdfast.repository.posix;

import static dev.holdfast.repository.posix.TestTrees.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XattrTest {
    @TempDir
    Path tempDir;

    @AfterEach
    void removeTree() throws PosixException {
        TestTrees.deleteContents(tempDir);
    }

    @Test
    void userAttributesRoundTripSorted() throws Exception {
        byte[] binary = {0, 1, (byte) 0xfe, (byte) 0xff, 0};
        byte[] name = {'f', (byte) 0xfe};
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            dir.create(name, 0644).close();
            setOrSkip(dir, name, bytes("user.zeta"), bytes("last"));
            dir.setXattr(name, bytes("user.alpha"), binary);
            dir.setXattr(name, bytes("user.empty"), new byte[0]);

            List<Xattr> user = userAttributes(dir.xattrs(name));

            assertThat(user).containsExactly(
                    new Xattr(bytes("user.alpha"), binary),
                    new Xattr(bytes("user.empty"), new byte[0]),
                    new Xattr(bytes("user.zeta"), bytes("last")));
        }
    }

    @Test
    void largeValueRoundTrips() throws Exception {
        byte[] value = new byte[3000];
        Arrays.fill(value, (byte) 7);
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            dir.mkdir(bytes("sub"), 0755).close();
            setOrSkip(dir, bytes("sub"), bytes("user.big"), value);

            assertThat(userAttributes(dir.xattrs(bytes("sub"))))
                    .containsExactly(new Xattr(bytes("user.big"), value));
        }
    }

    @Test
    void fileWithoutAttributesListsNone() throws Exception {
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            dir.create(bytes("plain"), 0644).close();

            assertThat(userAttributes(dir.xattrs(bytes("plain")))).isEmpty();
        }
    }

    @Test
    void symlinkAttributesAreNotTargets() throws Exception {
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            dir.create(bytes("target"), 0644).close();
            setOrSkip(dir, bytes("target"), bytes("user.on-target"), bytes("1"));
            dir.symlink(bytes("target"), bytes("link"));

            assertThat(userAttributes(dir.xattrs(bytes("link")))).isEmpty();
        }
    }

    @Test
    void attributesWorkBeyondPathMax() throws Exception {
        byte[] component = new byte[250];
        Arrays.fill(component, (byte) 'x');
        try (DirHandle root = DirHandle.open(bytes(tempDir))) {
            List<DirHandle> chain = new ArrayList<>(List.of(root));
            for (int i = 0; i < 20; i++) {
                chain.add(chain.getLast().mkdir(component, 0755));
            }
            DirHandle bottom = chain.getLast();
            bottom.create(bytes("leaf"), 0644).close();
            assertThat(bottom.path().length).isGreaterThan(4096);

            setOrSkip(bottom, bytes("leaf"), bytes("user.deep"), bytes("yes"));

            assertThat(userAttributes(bottom.xattrs(bytes("leaf"))))
                    .containsExactly(new Xattr(bytes("user.deep"), bytes("yes")));
            chain.subList(1, chain.size()).forEach(DirHandle::close);
        }
    }

    @Test
    void attributesOfMissingNameFail() throws Exception {
        try (DirHandle dir = DirHandle.open(bytes(tempDir))) {
            assertThatThrownBy(() -> dir.xattrs(bytes("missing")))
                    .isInstanceOfSatisfying(PosixException.class,
                            e -> assertThat(e.isNotFound()).isTrue())
                    .hasMessageContaining("/missing\"");
        }
    }

    private static void setOrSkip(DirHandle dir, byte[] name, byte[] attr, byte[] value)
            throws PosixException {
        try {
            dir.setXattr(name, attr, value);
        } catch (PosixException e) {
            assumeTrue(e.errno() != 95, "file system has no user xattrs (ENOTSUP)");
            throw e;
        }
    }

    /** Keeps user.* attributes, since security.* ones depend on the host's LSM. */
    private static List<Xattr> userAttributes(List<Xattr> all) {
        return all.stream().filter(x -> startsWith(x.name(), bytes("user."))).toList();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length
                && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
