package dev.holdfast.repository.engine;

import dev.holdfast.repository.PathNames;
import dev.holdfast.repository.posix.Xattr;
import java.util.List;

/**
 * A source tree to build: folders, entries placed in them, and whether to add a path longer
 * than PATH_MAX. Placement indexes are taken modulo the number of folders that exist at that
 * point (0 is the top folder), so any generated value places the entry somewhere valid.
 */
record TreeSpec(Meta top, List<FolderSpec> folders, List<EntrySpec> entries, boolean deepPath) {

    /** Metadata of one entry; extended attributes apply to files and folders only. */
    record Meta(int mode, int uid, int gid, long mtimeSeconds, int mtimeNanos,
            List<Xattr> xattrs) {
    }

    /** A folder below the folder with index {@code parent} (0 is the top). */
    record FolderSpec(int parent, byte[] name, Meta meta) {
        @Override
        public String toString() {
            return "folder " + PathNames.display(name) + " in " + parent + " " + meta;
        }
    }

    /** One entry that is not a folder. */
    sealed interface EntrySpec {
        int folder();

        byte[] name();

        Meta meta();
    }

    /** A regular file, with further names in the folders listed in {@code links}. */
    record RegularSpec(int folder, byte[] name, Meta meta, byte[] content, List<Integer> links)
            implements EntrySpec {
        @Override
        public String toString() {
            return "file " + PathNames.display(name) + " in " + folder + ", " + content.length
                    + " bytes, links in " + links + " " + meta;
        }
    }

    /**
     * A sparse file: the data twice with a hole of {@code holeBlocks} 4 KiB blocks between,
     * and the same hole before and after when asked.
     */
    record SparseSpec(int folder, byte[] name, Meta meta, byte[] data, int holeBlocks,
            boolean holeAtStart, boolean holeAtEnd) implements EntrySpec {
        @Override
        public String toString() {
            return "sparse " + PathNames.display(name) + " in " + folder + ", " + data.length
                    + " bytes of data, holes of " + holeBlocks + " blocks, at start " + holeAtStart
                    + ", at end " + holeAtEnd + " " + meta;
        }
    }

    record SymlinkSpec(int folder, byte[] name, Meta meta, byte[] target) implements EntrySpec {
        @Override
        public String toString() {
            return "symlink " + PathNames.display(name) + " in " + folder + " to "
                    + PathNames.display(target) + " " + meta;
        }
    }

    record FifoSpec(int folder, byte[] name, Meta meta) implements EntrySpec {
        @Override
        public String toString() {
            return "fifo " + PathNames.display(name) + " in " + folder + " " + meta;
        }
    }
}
