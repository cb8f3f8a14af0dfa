package dev.holdfast.restoretester.environment;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random passwords and names for throwaway environments. */
final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /**
     * Returns a random password of 32 hexadecimal digits (128 bits). Hex needs no quoting in
     * SQL, option files or JDBC URLs.
     */
    static String password() {
        return token(16);
    }

    /** Returns {@code bytes} random bytes as lower-case hexadecimal digits. */
    static String token(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
