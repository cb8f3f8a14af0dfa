package dev.holdfast.restoretester.verify;

import dev.holdfast.restoretester.EntryKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * An entry of the restored tree as the file system reports it, read without following links
 * through the JDK's {@code unix} attribute view, which has the full mode and nanosecond times.
 *
 * @param kind the entry's kind, or null for a kind that snapshots do not record
 * @param rawMode the whole {@code st_mode}, type bits included
 */
record RestoredEntry(EntryKind kind, int rawMode, long size, Instant modified) {
    /** Permission bits with the set-user-ID, set-group-ID and sticky bits. */
    static final int PERMISSION_BITS = 07777;
    private static final int TYPE_BITS = 0170000;
    private static final int BUFFER = 64 * 1024;

    static RestoredEntry read(Path path) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(path,
                "unix:mode,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) attributes.get("mode");
        FileTime modified = (FileTime) attributes.get("lastModifiedTime");
        return new RestoredEntry(kindOf(mode), mode, (Long) attributes.get("size"),
                modified.toInstant());
    }

    private static EntryKind kindOf(int mode) {
        return switch (mode & TYPE_BITS) {
            case 0100000 -> EntryKind.FILE;
            case 0040000 -> EntryKind.DIRECTORY;
            case 0120000 -> EntryKind.SYMLINK;
            case 0010000 -> EntryKind.FIFO;
            case 0140000 -> EntryKind.SOCKET;
            case 0020000 -> EntryKind.CHAR_DEVICE;
            case 0060000 -> EntryKind.BLOCK_DEVICE;
            default -> null;
        };
    }

    int permissions() {
        return rawMode & PERMISSION_BITS;
    }

    String kindLabel() {
        return kind == null ? String.format("an unknown kind (mode %06o)", rawMode)
                : kind.label();
    }

    /** Returns the lowercase hex SHA-256 of a file's content. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256, which every JDK must have",
                    e);
        }
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Returns why reading an entry failed, in a few words. */
    static String reason(IOException e) {
        return switch (e) {
            case NoSuchFileException missing -> "missing from the restored tree";
            case AccessDeniedException denied -> "permission denied";
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }
}
