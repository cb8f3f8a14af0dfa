package dev.holdfast.repository.posix;

/**
 * The metadata of one directory entry, from {@code struct stat}. Times are seconds since the
 * epoch plus nanoseconds. Device numbers use glibc's {@code dev_t} encoding, which {@link
 * #major} and {@link #minor} split.
 *
 * @param type kind of entry
 * @param mode permission bits with set-user-ID, set-group-ID and sticky bits (07777)
 * @param size length in bytes: file content, link target, or as the file system reports for
 *     directories
 * @param blocks allocated 512-byte blocks, which is less than size for a sparse file
 * @param device the device of the file system that contains the entry
 * @param links number of hard links
 * @param rdev the device a character or block device node stands for, 0 for other types
 */
public record FileStat(FileType type, int mode, int uid, int gid, long size, long blocks,
        long atimeSec, int atimeNsec, long mtimeSec, int mtimeNsec, long ctimeSec, int ctimeNsec,
        long inode, long device, long links, long rdev) {

    /** Returns the bytes the file occupies on disk: {@code blocks * 512}. */
    public long allocatedBytes() {
        return blocks * 512;
    }

    /** Returns the major number of a device number, as glibc's {@code major()} does. */
    public static int major(long dev) {
        return (int) (((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL));
    }

    /** Returns the minor number of a device number, as glibc's {@code minor()} does. */
    public static int minor(long dev) {
        return (int) ((dev & 0xff) | ((dev >>> 12) & ~0xffL));
    }

    /** Builds a device number from its parts, as glibc's {@code makedev()} does. */
    public static long makeDevice(int major, int minor) {
        long maj = Integer.toUnsignedLong(major);
        long min = Integer.toUnsignedLong(minor);
        return ((maj & 0xfffL) << 8) | ((maj & ~0xfffL) << 32)
                | (min & 0xffL) | ((min & ~0xffL) << 12);
    }
}
