package dev.holdfast.repository.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.repository.PathNames;
import dev.holdfast.repository.posix.DirHandle;
import dev.holdfast.repository.posix.FileHandle;
import dev.holdfast.repository.posix.FileStat;
import dev.holdfast.repository.posix.FileType;
import dev.holdfast.repository.posix.PosixException;
import dev.holdfast.repository.posix.Xattr;
import dev.holdfast.repository.tree.TreeWalker;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the POSIX layer reports for every entry below a folder, keyed by the path relative to
 * that folder in {@link PathNames#display} form ("" is the folder itself). Two trees are the
 * same when every restorable fact matches and the hard-link groups are the same.
 */
record TreeListing(Map<String, Facts> entries) {

    /**
     * The facts a restore must reproduce, plus inode, link count and allocation for checks
     * that look at the tree as a whole.
     */
    record Facts(FileType type, int mode, int uid, int gid, long size, String sha256,
            long mtimeSeconds, int mtimeNanos, String linkTarget, List<String> xattrs, long rdev,
            long inode, long links, long allocatedBytes) {

        /** Returns the facts without the ones that differ between a source and its copy. */
        Facts restorable() {
            long comparedSize = type == FileType.DIRECTORY ? 0 : size;
            return new Facts(type, mode, uid, gid, comparedSize, sha256, mtimeSeconds, mtimeNanos,
                    linkTarget, xattrs, rdev, 0, 0, 0);
        }
    }

    static TreeListing of(Path folder) throws PosixException {
        Map<String, Facts> entries = new TreeMap<>();
        byte[] path = TestRepositories.bytes(folder.toAbsolutePath().getParent());
        try (DirHandle parent = DirHandle.open(path)) {
            byte[] name = TestRepositories.bytes(folder.getFileName().toString());
            walk(parent, name, new byte[0], entries);
        }
        return new TreeListing(entries);
    }

    private static void walk(DirHandle dir, byte[] name, byte[] relative, Map<String, Facts> out)
            throws PosixException {
        FileStat stat = dir.stat(name);
        out.put(PathNames.display(relative), facts(dir, name, stat));
        if (stat.type() != FileType.DIRECTORY) {
            return;
        }
        try (DirHandle child = dir.openDir(name)) {
            for (byte[] entry : child.list()) {
                walk(child, entry, TreeWalker.child(relative, entry), out);
            }
        }
    }

    private static Facts facts(DirHandle dir, byte[] name, FileStat stat) throws PosixException {
        String hash = stat.type() == FileType.REGULAR ? sha256(dir, name) : null;
        String target = stat.type() == FileType.SYMLINK
                ? PathNames.display(dir.readLink(name)) : null;
        List<String> xattrs = new ArrayList<>();
        for (Xattr xattr : dir.xattrs(name)) {
            xattrs.add(PathNames.display(xattr.name()) + "="
                    + HexFormat.of().formatHex(xattr.value()));
        }
        return new Facts(stat.type(), stat.mode(), stat.uid(), stat.gid(), stat.size(), hash,
                stat.mtimeSec(), stat.mtimeNsec(), target, xattrs, stat.rdev(), stat.inode(),
                stat.links(), stat.allocatedBytes());
    }

    /** Returns the hex SHA-256 of a file's content, holes read as zeros. */
    static String sha256(DirHandle dir, byte[] name) throws PosixException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[1 << 20];
        try (FileHandle file = dir.openRead(name)) {
            long position = 0;
            for (int n = file.read(0, buffer, 0, buffer.length); n > 0;
                    n = file.read(position, buffer, 0, buffer.length)) {
                digest.update(buffer, 0, n);
                position += n;
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(byte[] content) {
        return HexFormat.of().formatHex(sha256().digest(content));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    Facts get(String relative) {
        return entries.get(relative);
    }

    /** Returns the restorable facts of every entry. */
    Map<String, Facts> restorable() {
        Map<String, Facts> view = new TreeMap<>();
        entries.forEach((path, facts) -> view.put(path, facts.restorable()));
        return view;
    }

    /** Returns the paths of each regular file that has more than one name inside the tree. */
    Set<Set<String>> hardLinkGroups() {
        Map<Long, Set<String>> byInode = new HashMap<>();
        entries.forEach((path, facts) -> {
            if (facts.type() == FileType.REGULAR) {
                byInode.computeIfAbsent(facts.inode(), inode -> new HashSet<>()).add(path);
            }
        });
        Set<Set<String>> groups = new HashSet<>();
        byInode.values().stream().filter(paths -> paths.size() > 1).forEach(groups::add);
        return groups;
    }

    /** Asserts that {@code restored} has this tree's names, metadata and hard links. */
    void assertRestoredAs(TreeListing restored) {
        assertThat(restored.restorable()).containsExactlyEntriesOf(restorable());
        assertThat(restored.hardLinkGroups()).isEqualTo(hardLinkGroups());
    }
}
