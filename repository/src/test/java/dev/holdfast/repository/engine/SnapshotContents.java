package dev.holdfast.repository.engine;

import dev.holdfast.repository.EntryType;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The regular files of a snapshot or a folder as path (relative to the source's root entry)
 * and SHA-256 of the content, read through the repository so that every blob is authenticated.
 */
final class SnapshotContents {
    private SnapshotContents() {
    }

    /** Reads every regular file of {@code snapshotId}. */
    static Map<String, String> of(Repository repository, String snapshotId)
            throws RepositoryException, IOException {
        List<byte[]> files = new ArrayList<>();
        repository.walk(snapshotId, TestRepositories.bytes("/"), entry -> {
            if (entry.type() == EntryType.FILE) {
                files.add(entry.path());
            }
        });
        Map<String, String> contents = new TreeMap<>();
        for (byte[] path : files) {
            try (InputStream in = repository.openFile(snapshotId, path)) {
                contents.put(new String(path, java.nio.charset.StandardCharsets.UTF_8),
                        TreeListing.sha256(in.readAllBytes()));
            }
        }
        return contents;
    }

    /** Reads every regular file below {@code folder}, named as a backup of it names them. */
    static Map<String, String> of(Path folder) throws IOException {
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                contents.put("/" + folder.getFileName() + "/" + folder.relativize(path),
                        TreeListing.sha256(Files.readAllBytes(path)));
            }
        }
        return contents;
    }
}
