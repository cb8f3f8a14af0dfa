package dev.holdfast.storage.filesystem;

import dev.holdfast.storage.ObjectInfo;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Consumer;

/**
 * A tree walk that reports every object whose key starts with a prefix. It skips the temporary
 * folder, folders that cannot hold a matching key, and files whose names are not valid keys
 * (put there by something other than this provider).
 */
final class ListingVisitor extends SimpleFileVisitor<Path> {
    private final Path root;
    private final Path tempFolder;
    private final String prefix;
    private final Consumer<ObjectInfo> sink;

    ListingVisitor(Path root, Path tempFolder, String prefix, Consumer<ObjectInfo> sink) {
        this.root = root;
        this.tempFolder = tempFolder;
        this.prefix = prefix;
        this.sink = sink;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) {
        if (folder.equals(tempFolder)) {
            return FileVisitResult.SKIP_SUBTREE;
        }
        if (folder.equals(root)) {
            return FileVisitResult.CONTINUE;
        }
        String folderKey = ObjectKeys.keyOf(root, folder) + "/";
        boolean mayMatch = folderKey.startsWith(prefix) || prefix.startsWith(folderKey);
        return mayMatch ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
        if (attributes.isRegularFile()) {
            String key = ObjectKeys.keyOf(root, file);
            if (key.startsWith(prefix) && ObjectKeys.isValid(key)) {
                sink.accept(new ObjectInfo(key, attributes.size(),
                        attributes.lastModifiedTime().toInstant()));
            }
        }
        return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE; // deleted while the walk ran
        }
        throw e;
    }
}
