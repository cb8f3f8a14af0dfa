package dev.holdfast.repository.posix;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/** {@code struct stat}, {@code struct statvfs} and {@code struct timespec} of Linux x86_64. */
final class StatStruct {
    static final StructLayout TIMESPEC = MemoryLayout.structLayout(
            JAVA_LONG.withName("tv_sec"), JAVA_LONG.withName("tv_nsec"));

    /** 144 bytes, as in glibc's bits/struct_stat.h for x86_64. */
    static final StructLayout STAT = MemoryLayout.structLayout(
            JAVA_LONG.withName("st_dev"),
            JAVA_LONG.withName("st_ino"),
            JAVA_LONG.withName("st_nlink"),
            JAVA_INT.withName("st_mode"),
            JAVA_INT.withName("st_uid"),
            JAVA_INT.withName("st_gid"),
            JAVA_INT.withName("__pad0"),
            JAVA_LONG.withName("st_rdev"),
            JAVA_LONG.withName("st_size"),
            JAVA_LONG.withName("st_blksize"),
            JAVA_LONG.withName("st_blocks"),
            TIMESPEC.withName("st_atim"),
            TIMESPEC.withName("st_mtim"),
            TIMESPEC.withName("st_ctim"),
            MemoryLayout.sequenceLayout(3, JAVA_LONG).withName("__glibc_reserved"));

    /** 112 bytes; only the fields read here are named. */
    static final StructLayout STATVFS = MemoryLayout.structLayout(
            JAVA_LONG.withName("f_bsize"),
            JAVA_LONG.withName("f_frsize"),
            JAVA_LONG.withName("f_blocks"),
            JAVA_LONG.withName("f_bfree"),
            JAVA_LONG.withName("f_bavail"),
            MemoryLayout.paddingLayout(112 - 40));

    private static final long DEV = offset(STAT, "st_dev");
    private static final long INO = offset(STAT, "st_ino");
    private static final long NLINK = offset(STAT, "st_nlink");
    private static final long MODE = offset(STAT, "st_mode");
    private static final long UID = offset(STAT, "st_uid");
    private static final long GID = offset(STAT, "st_gid");
    private static final long RDEV = offset(STAT, "st_rdev");
    private static final long SIZE = offset(STAT, "st_size");
    private static final long BLOCKS = offset(STAT, "st_blocks");
    private static final long ATIM = offset(STAT, "st_atim");
    private static final long MTIM = offset(STAT, "st_mtim");
    private static final long CTIM = offset(STAT, "st_ctim");
    private static final long NSEC = offset(TIMESPEC, "tv_nsec");
    private static final long FRSIZE = offset(STATVFS, "f_frsize");
    private static final long BAVAIL = offset(STATVFS, "f_bavail");

    private StatStruct() {
    }

    static FileStat read(MemorySegment stat) {
        int mode = stat.get(JAVA_INT, MODE);
        return new FileStat(FileType.fromMode(mode), mode & 07777,
                stat.get(JAVA_INT, UID), stat.get(JAVA_INT, GID),
                stat.get(JAVA_LONG, SIZE), stat.get(JAVA_LONG, BLOCKS),
                stat.get(JAVA_LONG, ATIM), nanos(stat, ATIM),
                stat.get(JAVA_LONG, MTIM), nanos(stat, MTIM),
                stat.get(JAVA_LONG, CTIM), nanos(stat, CTIM),
                stat.get(JAVA_LONG, INO), stat.get(JAVA_LONG, DEV),
                stat.get(JAVA_LONG, NLINK), stat.get(JAVA_LONG, RDEV));
    }

    /** Returns the bytes an unprivileged user may still write: f_bavail * f_frsize. */
    static long availableBytes(MemorySegment statvfs) {
        return statvfs.get(JAVA_LONG, BAVAIL) * statvfs.get(JAVA_LONG, FRSIZE);
    }

    /** Fills {@code struct timespec[2]} with access and modification time for utimensat. */
    static MemorySegment times(NativeCall call, long atimeSec, int atimeNsec, long mtimeSec,
            int mtimeNsec) {
        MemorySegment times = call.allocate(MemoryLayout.sequenceLayout(2, TIMESPEC));
        times.set(JAVA_LONG, 0, atimeSec);
        times.set(JAVA_LONG, NSEC, atimeNsec);
        times.set(JAVA_LONG, TIMESPEC.byteSize(), mtimeSec);
        times.set(JAVA_LONG, TIMESPEC.byteSize() + NSEC, mtimeNsec);
        return times;
    }

    private static int nanos(MemorySegment stat, long timespec) {
        return (int) stat.get(JAVA_LONG, timespec + NSEC);
    }

    private static long offset(StructLayout layout, String field) {
        return layout.byteOffset(PathElement.groupElement(field));
    }
}
