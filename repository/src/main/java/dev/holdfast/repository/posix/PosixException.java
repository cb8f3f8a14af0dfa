package dev.holdfast.repository.posix;

import dev.holdfast.repository.PathNames;
import java.io.IOException;

/**
 * A failed POSIX call, with the errno it set. The message names the function, the path with
 * bytes that are not valid UTF-8 written as {@code \xNN}, and the error text, as in
 * {@code openat "/srv/a\xfe" failed: No such file or directory (ENOENT)}.
 */
public class PosixException extends IOException {
    private final String function;
    private final byte[] path;
    private final int errno;

    PosixException(String function, byte[] path, byte[] otherPath, int errno) {
        super(message(function, path, otherPath, errno));
        this.function = function;
        this.path = path.clone();
        this.errno = errno;
    }

    /** Returns the errno value the call set, as defined for Linux x86_64. */
    public int errno() {
        return errno;
    }

    /** Returns the C function that failed, such as "openat". */
    public String function() {
        return function;
    }

    /** Returns the path the call acted on: its handle's path joined with the name. */
    public byte[] path() {
        return path.clone();
    }

    /** True for ENOENT: the name or a directory on its path does not exist. */
    public boolean isNotFound() {
        return errno == Errno.ENOENT;
    }

    /** True for ENOSPC and EDQUOT: the file system or the user's quota is full. */
    public boolean isNoSpace() {
        return errno == Errno.ENOSPC || errno == Errno.EDQUOT;
    }

    /** True for EACCES and EPERM. */
    public boolean isPermissionDenied() {
        return errno == Errno.EACCES || errno == Errno.EPERM;
    }

    /** True for EEXIST: the name to create is taken. */
    public boolean isAlreadyExists() {
        return errno == Errno.EEXIST;
    }

    private static String message(String function, byte[] path, byte[] otherPath, int errno) {
        StringBuilder text = new StringBuilder(function).append(" \"")
                .append(PathNames.display(path)).append('"');
        if (otherPath != null) {
            text.append(" to \"").append(PathNames.display(otherPath)).append('"');
        }
        return text.append(" failed: ").append(Errno.describe(errno)).toString();
    }
}
