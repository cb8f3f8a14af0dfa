package dev.holdfast.repository.posix;

import dev.holdfast.repository.PathNames;

/** Checks of names and paths before they reach C, and joining them for messages. */
final class Names {
    private Names() {
    }

    /**
     * Rejects a name that is not exactly one directory entry: empty, ".", "..", or containing
     * '/' or NUL. A name from a damaged or hostile snapshot must not reach outside its directory.
     */
    static byte[] requireName(byte[] name) {
        if (name.length == 0) {
            throw new IllegalArgumentException("file name is empty; pass one path component");
        }
        boolean dots = name[0] == '.' && (name.length == 1 || name.length == 2 && name[1] == '.');
        if (dots) {
            throw new IllegalArgumentException("file name \"" + PathNames.display(name)
                    + "\" is not allowed; pass an entry name other than . and ..");
        }
        for (byte b : name) {
            if (b == '/' || b == 0) {
                throw new IllegalArgumentException("file name \"" + PathNames.display(name)
                        + "\" contains '/' or NUL; pass one path component");
            }
        }
        return name;
    }

    /** Rejects a path or link target that C cannot see whole: empty or containing NUL. */
    static byte[] requireCText(byte[] text, String description) {
        if (text.length == 0) {
            throw new IllegalArgumentException(description + " is empty");
        }
        for (byte b : text) {
            if (b == 0) {
                throw new IllegalArgumentException(description + " \"" + PathNames.display(text)
                        + "\" contains a NUL byte, which C strings cannot hold");
            }
        }
        return text;
    }

    static byte[] requireAbsolute(byte[] path) {
        requireCText(path, "path");
        if (path[0] != '/') {
            throw new IllegalArgumentException("path \"" + PathNames.display(path)
                    + "\" is relative; pass an absolute path");
        }
        return path;
    }

    /** Joins a directory path and a name with one '/'. */
    static byte[] join(byte[] directory, byte[] name) {
        boolean slash = directory.length > 0 && directory[directory.length - 1] == '/';
        byte[] joined = new byte[directory.length + (slash ? 0 : 1) + name.length];
        System.arraycopy(directory, 0, joined, 0, directory.length);
        if (!slash) {
            joined[directory.length] = '/';
        }
        System.arraycopy(name, 0, joined, joined.length - name.length, name.length);
        return joined;
    }
}
