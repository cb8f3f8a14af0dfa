package dev.holdfast.repository.objects;

import java.util.HexFormat;

/** Lower-case hex encoding used in object names and IDs. */
public final class Hex {
    private static final HexFormat FORMAT = HexFormat.of();

    private Hex() {
    }

    public static String encode(byte[] bytes) {
        return FORMAT.formatHex(bytes);
    }

    /** Decodes hex; throws IllegalArgumentException naming the text when it is not valid hex. */
    public static byte[] decode(String hex) {
        try {
            return FORMAT.parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid hex \"" + hex + "\"", e);
        }
    }

    public static boolean isHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0 || Character.isUpperCase(text.charAt(i))) {
                return false;
            }
        }
        return !text.isEmpty();
    }
}
