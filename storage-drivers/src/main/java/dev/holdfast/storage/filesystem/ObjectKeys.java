package dev.holdfast.storage.filesystem;

import java.nio.file.Path;

/**
 * The rules for keys on a file system: relative '/'-separated names whose segments use only
 * letters, digits, '.', '_' and '-'. The rules keep every key a plain path under the root on
 * any common file system, with no traversal, no hidden meaning and no case of a name that one
 * system accepts and another rejects.
 */
final class ObjectKeys {
    static final int MAX_KEY_LENGTH = 1024;
    /** NAME_MAX of Linux and most Unix file systems, in bytes, which here are ASCII characters. */
    static final int MAX_SEGMENT_LENGTH = 255;

    private static final int SHOWN_KEY_LENGTH = 120;
    private static final String RULES = "keys are relative '/'-separated names made of"
            + " A-Z a-z 0-9 '.' '_' '-', at most " + MAX_KEY_LENGTH + " characters";

    private ObjectKeys() {
    }

    /** Throws IllegalArgumentException naming {@code key} unless it is a valid object key. */
    static void requireValid(String key) {
        if (key == null) {
            throw new IllegalArgumentException("key is missing (null); " + RULES);
        }
        String problem = problemWith(key);
        if (problem != null) {
            throw new IllegalArgumentException(
                    "key \"" + shown(key) + "\" is invalid: " + problem + "; " + RULES);
        }
    }

    static boolean isValid(String key) {
        return problemWith(key) == null;
    }

    /**
     * Returns the folder under {@code root} whose tree contains every key that starts with
     * {@code prefix}, or null when no key can start with it.
     */
    static Path listingFolder(Path root, String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("prefix is missing (null); use \"\" for all keys");
        }
        int lastSlash = prefix.lastIndexOf('/');
        String folder = prefix.substring(0, Math.max(lastSlash, 0));
        String problem = prefix.length() > MAX_KEY_LENGTH ? "longer than any key"
                : firstBadCharacter(prefix);
        if (problem == null && lastSlash >= 0) {
            problem = problemWithPath(folder);
        }
        if (problem != null) {
            throw new IllegalArgumentException(
                    "prefix \"" + shown(prefix) + "\" is invalid: " + problem + "; " + RULES);
        }
        if (isReserved(folder)) {
            return null;
        }
        return folder.isEmpty() ? root : root.resolve(folder);
    }

    /** Returns the key of a file under {@code root}, with '/' whatever the platform uses. */
    static String keyOf(Path root, Path file) {
        Path relative = root.relativize(file);
        StringBuilder key = new StringBuilder();
        for (Path name : relative) {
            if (!key.isEmpty()) {
                key.append('/');
            }
            key.append(name);
        }
        return key.toString();
    }

    private static String problemWith(String key) {
        String problem = problemWithPath(key);
        if (problem == null && isReserved(key)) {
            return "segment '" + FileSystemProvider.TEMP_FOLDER + "' at the start is reserved"
                    + " for temporary files";
        }
        return problem;
    }

    private static String problemWithPath(String key) {
        if (key.isEmpty()) {
            return "it is empty";
        }
        if (key.length() > MAX_KEY_LENGTH) {
            return "it is " + key.length() + " characters long";
        }
        if (key.startsWith("/")) {
            return "it is absolute (starts with '/')";
        }
        String badCharacter = firstBadCharacter(key);
        if (badCharacter != null) {
            return badCharacter;
        }
        return problemWithSegments(key);
    }

    private static String problemWithSegments(String key) {
        int start = 0;
        while (start <= key.length()) {
            int end = key.indexOf('/', start);
            if (end < 0) {
                end = key.length();
            }
            String segment = key.substring(start, end);
            if (segment.isEmpty()) {
                return "it has an empty segment at index " + start;
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "segment '" + segment + "' is not allowed";
            }
            if (segment.length() > MAX_SEGMENT_LENGTH) {
                return "a segment is " + segment.length() + " characters long, more than the "
                        + MAX_SEGMENT_LENGTH + " a file name may have";
            }
            start = end + 1;
        }
        return null;
    }

    private static String firstBadCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || c == '/';
            if (!allowed) {
                return "character U+%04X at index %d is not allowed".formatted((int) c, i);
            }
        }
        return null;
    }

    private static boolean isReserved(String keyOrFolder) {
        String reserved = FileSystemProvider.TEMP_FOLDER;
        return keyOrFolder.equals(reserved) || keyOrFolder.startsWith(reserved + "/");
    }

    private static String shown(String key) {
        if (key.length() <= SHOWN_KEY_LENGTH) {
            return key;
        }
        return key.substring(0, SHOWN_KEY_LENGTH) + "...";
    }
}
