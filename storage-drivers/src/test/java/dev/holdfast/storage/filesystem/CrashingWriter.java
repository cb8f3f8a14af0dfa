package dev.holdfast.storage.filesystem;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

/**
 * A child process for {@link CrashSafetyTest}: it puts large random objects, each keyed by the
 * SHA-256 of its content, until it is killed.
 *
 * <p>Arguments: the root folder, the object size in bytes, and a seed.
 */
public final class CrashingWriter {
    private CrashingWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int size = Integer.parseInt(args[1]);
        Random random = new Random(Long.parseLong(args[2]));
        FileSystemProvider provider = FileSystemProvider.open("crash", root);
        byte[] data = new byte[size];
        while (true) {
            random.nextBytes(data);
            provider.putIfAbsent(keyOf(data), data);
        }
    }

    /** Returns "objects/xy/xyz..." where "xyz..." is the hex SHA-256 of {@code data}. */
    static String keyOf(byte[] data) throws Exception {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        return "objects/" + hash.substring(0, 2) + "/" + hash;
    }
}
