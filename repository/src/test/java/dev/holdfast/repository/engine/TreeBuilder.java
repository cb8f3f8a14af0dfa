package dev.holdfast.repository.engine;

import dev.holdfast.repository.PathNames;
import dev.holdfast.repository.engine.TreeSpec.EntrySpec;
import dev.holdfast.repository.engine.TreeSpec.FifoSpec;
import dev.holdfast.repository.engine.TreeSpec.FolderSpec;
import dev.holdfast.repository.engine.TreeSpec.Meta;
import dev.holdfast.repository.engine.TreeSpec.RegularSpec;
import dev.holdfast.repository.engine.TreeSpec.SparseSpec;
import dev.holdfast.repository.engine.TreeSpec.SymlinkSpec;
import dev.holdfast.repository.posix.DirHandle;
import dev.holdfast.repository.posix.FileHandle;
import dev.holdfast.repository.posix.PosixException;
import dev.holdfast.repository.posix.Xattr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link TreeSpec} on disk through the POSIX layer. Names get a suffix that makes them
 * unique in their folder. Metadata is applied last, children before their folder, because
 * creating an entry changes its folder's modification time.
 */
final class TreeBuilder {
    static final int BLOCK = 4096;
    /** Folders of the deep path: 17 names of 250 bytes make a path of more than 4096 bytes. */
    private static final int DEEP_FOLDERS = 17;

    private record Pending(DirHandle dir, byte[] name, Meta meta, boolean modeAndXattrs) {
    }

    private final List<DirHandle> folders = new ArrayList<>();
    private final List<DirHandle> opened = new ArrayList<>();
    private final List<Pending> pending = new ArrayList<>();
    private final Map<String, Long> sparseData = new LinkedHashMap<>();
    private final List<String> paths = new ArrayList<>();

    private TreeBuilder() {
    }

    /**
     * Builds the tree at {@code top}, which must not exist, and returns the bytes of data in each
     * sparse file, keyed by the path relative to {@code top}.
     */
    static Map<String, Long> build(Path top, TreeSpec spec) throws IOException {
        Files.createDirectory(top);
        TreeBuilder builder = new TreeBuilder();
        try {
            DirHandle parent = Trees.open(top.toAbsolutePath().getParent());
            builder.opened.add(parent);
            builder.buildAll(parent, TestRepositories.bytes(top.getFileName().toString()), spec);
        } finally {
            builder.opened.forEach(DirHandle::close);
        }
        return builder.sparseData;
    }

    private void buildAll(DirHandle parent, byte[] topName, TreeSpec spec)
            throws PosixException {
        DirHandle top = parent.openDir(topName);
        opened.add(top);
        folders.add(top);
        paths.add("");
        for (int i = 0; i < spec.folders().size(); i++) {
            folder(spec.folders().get(i), i);
        }
        for (int i = 0; i < spec.entries().size(); i++) {
            entry(spec.entries().get(i), i);
        }
        if (spec.deepPath()) {
            deepPath(top);
        }
        for (int i = pending.size() - 1; i >= 0; i--) {
            apply(pending.get(i));
        }
        apply(new Pending(parent, topName, spec.top(), true));
    }

    private void folder(FolderSpec folder, int index) throws PosixException {
        int parent = Math.floorMod(folder.parent(), folders.size());
        byte[] name = unique(folder.name(), ".d" + index);
        DirHandle dir = folders.get(parent).mkdir(name, 0700);
        opened.add(dir);
        folders.add(dir);
        paths.add(relative(parent, name));
        pending.add(new Pending(folders.get(parent), name, folder.meta(), true));
    }

    private void entry(EntrySpec entry, int index) throws PosixException {
        int folder = Math.floorMod(entry.folder(), folders.size());
        DirHandle dir = folders.get(folder);
        byte[] name = unique(entry.name(), ".e" + index);
        switch (entry) {
            case RegularSpec file -> {
                Trees.write(dir, name, file.content());
                links(dir, name, file.links(), index);
            }
            case SparseSpec sparse -> sparse(dir, name, sparse, relative(folder, name));
            case SymlinkSpec link -> dir.symlink(link.target(), name);
            case FifoSpec fifo -> dir.mkfifo(name, 0600);
        }
        boolean modeAndXattrs = !(entry instanceof SymlinkSpec);
        Meta meta = entry.meta();
        if (!(entry instanceof RegularSpec || entry instanceof SparseSpec)) {
            meta = new Meta(meta.mode(), meta.uid(), meta.gid(), meta.mtimeSeconds(),
                    meta.mtimeNanos(), List.of());
        }
        pending.add(new Pending(dir, name, meta, modeAndXattrs));
    }

    private void links(DirHandle dir, byte[] name, List<Integer> links, int index)
            throws PosixException {
        for (int i = 0; i < links.size(); i++) {
            DirHandle other = folders.get(Math.floorMod(links.get(i), folders.size()));
            other.link(dir, name, unique(name, ".l" + index + "." + i));
        }
    }

    private void sparse(DirHandle dir, byte[] name, SparseSpec spec, String path)
            throws PosixException {
        long hole = (long) spec.holeBlocks() * BLOCK;
        byte[] data = spec.data();
        long position = spec.holeAtStart() ? hole : 0;
        try (FileHandle file = dir.create(name, 0644)) {
            file.write(position, data, 0, data.length);
            position = roundUp(position + data.length) + hole;
            file.write(position, data, 0, data.length);
            position += data.length;
            file.truncate(spec.holeAtEnd() ? roundUp(position) + hole : position);
        }
        sparseData.put(path, 2 * roundUp(data.length));
    }

    /** Adds a chain of folders whose path below the top is longer than PATH_MAX (4096). */
    private void deepPath(DirHandle top) throws PosixException {
        DirHandle dir = top;
        for (int i = 0; i < DEEP_FOLDERS; i++) {
            byte[] name = new byte[250];
            Arrays.fill(name, (byte) ('a' + i));
            dir = dir.mkdir(name, 0755);
            opened.add(dir);
        }
        Trees.write(dir, TestRepositories.bytes("deep file"), Trees.random(17, 5000));
    }

    private static void apply(Pending entry) throws PosixException {
        Meta meta = entry.meta();
        DirHandle dir = entry.dir();
        dir.chown(entry.name(), meta.uid(), meta.gid());
        if (entry.modeAndXattrs()) {
            dir.chmod(entry.name(), meta.mode());
            for (Xattr xattr : meta.xattrs()) {
                dir.setXattr(entry.name(), xattr.name(), xattr.value());
            }
        }
        dir.setTimes(entry.name(), 0, 0, meta.mtimeSeconds(), meta.mtimeNanos());
    }

    private String relative(int folder, byte[] name) {
        String parent = paths.get(folder);
        return parent + "/" + PathNames.display(name);
    }

    private static byte[] unique(byte[] name, String suffix) {
        byte[] tail = TestRepositories.bytes(suffix);
        byte[] unique = Arrays.copyOf(name, name.length + tail.length);
        System.arraycopy(tail, 0, unique, name.length, tail.length);
        return unique;
    }

    static long roundUp(long bytes) {
        return (bytes + BLOCK - 1) / BLOCK * BLOCK;
    }
}
