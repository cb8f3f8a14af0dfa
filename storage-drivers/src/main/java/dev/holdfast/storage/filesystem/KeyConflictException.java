package dev.holdfast.storage.filesystem;

import java.io.IOException;

/**
 * An object and a folder competing for one path: a key cannot name an object and also be the
 * folder of other keys, because a file system path is either a file or a folder.
 */
final class KeyConflictException extends IOException {
    KeyConflictException(String message) {
        super(message);
    }
}
