package dev.holdfast.repository;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Converts raw path bytes to text and back without loss. Valid UTF-8 shows as itself. Every
 * byte that is not part of valid UTF-8, the backslash, and every control character (C0, DEL
 * and C1, so that a crafted name cannot move the cursor or hide text on a terminal) is written
 * as {@code \xNN}, so {@link #parse} returns exactly the bytes that {@link #display} was given.
 */
public final class PathNames {
    private PathNames() {
    }

    public static String display(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length + 8);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int i = 0;
        while (i < bytes.length) {
            int length = utf8SequenceLength(bytes, i, decoder);
            if (length == 0 || length == 1 && (bytes[i] == '\\' || (bytes[i] & 0xff) < 0x20 || bytes[i] == 0x7f)
                    || isC1Control(bytes, i, length)) {
                for (int end = i + Math.max(length, 1); i < end; i++) {
                    out.append(String.format("\\x%02x", bytes[i] & 0xff));
                }
            } else {
                out.append(new String(bytes, i, length, StandardCharsets.UTF_8));
                i += length;
            }
        }
        return out.toString();
    }

    /** Reverses {@link #display}; text without escapes becomes its UTF-8 bytes. */
    public static byte[] parse(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 8);
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("\\x", i) && i + 4 <= text.length() && isHex(text, i + 2)) {
                out.write(Integer.parseInt(text.substring(i + 2, i + 4), 16));
                i += 4;
            } else {
                int codePoint = text.codePointAt(i);
                byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                out.write(encoded, 0, encoded.length);
                i += Character.charCount(codePoint);
            }
        }
        return out.toByteArray();
    }

    /** C1 controls U+0080 to U+009F are encoded as C2 80 to C2 9F. */
    private static boolean isC1Control(byte[] bytes, int at, int length) {
        return length == 2 && (bytes[at] & 0xff) == 0xc2 && (bytes[at + 1] & 0xff) <= 0x9f;
    }

    private static boolean isHex(String text, int at) {
        return Character.digit(text.charAt(at), 16) >= 0 && Character.digit(text.charAt(at + 1), 16) >= 0;
    }

    /** Returns the sequence length a UTF-8 lead byte announces, or 0 for a byte that leads none. */
    private static int expectedLength(int lead) {
        if (lead < 0x80) {
            return 1;
        }
        if (lead >= 0xc2 && lead <= 0xdf) {
            return 2;
        }
        if (lead >= 0xe0 && lead <= 0xef) {
            return 3;
        }
        if (lead >= 0xf0 && lead <= 0xf4) {
            return 4;
        }
        return 0;
    }

    /** Returns the length of the valid UTF-8 sequence at {@code at}, or 0 when the byte starts none. */
    private static int utf8SequenceLength(byte[] bytes, int at, CharsetDecoder decoder) {
        int lead = bytes[at] & 0xff;
        int length = expectedLength(lead);
        if (length <= 1 || at + length > bytes.length) {
            return length == 1 ? 1 : 0;
        }
        try {
            decoder.reset();
            CharBuffer decoded = decoder.decode(ByteBuffer.wrap(bytes, at, length));
            return decoded.length() > 0 ? length : 0;
        } catch (CharacterCodingException e) {
            return 0;
        }
    }
}
