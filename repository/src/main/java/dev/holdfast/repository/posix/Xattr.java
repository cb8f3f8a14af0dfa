package dev.holdfast.repository.posix;

import dev.holdfast.repository.PathNames;
import java.util.Arrays;

/**
 * One extended attribute: its full name with namespace prefix, such as {@code user.mime_type},
 * and its value, both as raw bytes. Equality compares the bytes.
 */
public record Xattr(byte[] name, byte[] value) {

    @Override
    public boolean equals(Object other) {
        return other instanceof Xattr that
                && Arrays.equals(name, that.name) && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(name) + Arrays.hashCode(value);
    }

    /** Shows the name and the value's length, because values can be large binary data. */
    @Override
    public String toString() {
        return "Xattr[" + PathNames.display(name) + ", " + value.length + " bytes]";
    }
}
