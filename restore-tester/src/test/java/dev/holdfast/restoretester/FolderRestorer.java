package dev.holdfast.restoretester;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A restorer whose snapshots are plain folders: a restore copies the folder with its modes
 * and times, and the recorded entries are read from the folder. It lets the runner's tests
 * restore real trees without a repository; the orchestrator's tests use the real one.
 */
final class FolderRestorer implements SnapshotRestorer {
    private final Map<String, SnapshotSummary> summaries = new LinkedHashMap<>();
    private final Map<String, Path> folders = new LinkedHashMap<>();

    /** Adds {@code folder} as snapshot {@code id} of every source, taken at {@code time}. */
    FolderRestorer add(String id, java.time.Instant time, Path folder) throws IOException {
        long[] totals = new long[2];
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).forEach(p -> {
                totals[0]++;
                totals[1] += p.toFile().length();
            });
        }
        summaries.put(id, new SnapshotSummary(id, time, totals[0], totals[1]));
        folders.put(id, folder);
        return this;
    }

    @Override
    public List<SnapshotSummary> snapshots(TestSource source) {
        return new ArrayList<>(summaries.values());
    }

    @Override
    public FileRestore restoreFiles(String snapshotId, Path target) throws RestoreException {
        Path source = folders.get(snapshotId);
        long[] counts = new long[4];
        try {
            Files.walkFileTree(source, new Copier(source, target, counts));
        } catch (IOException e) {
            throw new RestoreException("cannot copy snapshot " + snapshotId + ": " + e, e);
        }
        return new FileRestore(counts[0], counts[1], counts[2], counts[3], List.of(),
                List.of());
    }

    @Override
    public void recordedEntries(String snapshotId, Consumer<RecordedEntry> entries)
            throws RestoreException {
        Path source = folders.get(snapshotId);
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path path : walk.skip(1).toList()) {
                entries.accept(entry(source, path));
            }
        } catch (IOException e) {
            throw new RestoreException("cannot read snapshot " + snapshotId + ": " + e, e);
        }
    }

    static RecordedEntry entry(Path root, Path path) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(path,
                "unix:mode,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) attributes.get("mode");
        EntryKind kind = Files.isSymbolicLink(path) ? EntryKind.SYMLINK
                : Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? EntryKind.DIRECTORY
                : EntryKind.FILE;
        long size = kind == EntryKind.FILE ? (Long) attributes.get("size") : 0;
        String link = kind == EntryKind.SYMLINK ? Files.readSymbolicLink(path).toString() : null;
        String hash = kind == EntryKind.FILE ? sha256(path) : null;
        return new RecordedEntry(root.relativize(path).toString(), true, kind, size,
                mode & 07777, ((FileTime) attributes.get("lastModifiedTime")).toInstant(), link,
                hash, null);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(in.readAllBytes());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public DatabaseRestore restoreDatabase(String snapshotId, DatabaseTarget target)
            throws RestoreException {
        throw new RestoreException("folder snapshots hold no databases", null);
    }

    @Override
    public List<TableRows> expectedRowCounts(String snapshotId) throws RestoreException {
        throw new RestoreException("folder snapshots hold no databases", null);
    }

    /** Copies a tree with modes and times; folder times are set after their contents. */
    private static final class Copier extends SimpleFileVisitor<Path> {
        private final Path source;
        private final Path target;
        private final long[] counts;

        Copier(Path source, Path target, long[] counts) {
            this.source = source;
            this.target = target;
            this.counts = counts;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes)
                throws IOException {
            if (!dir.equals(source)) {
                Files.copy(dir, target.resolve(source.relativize(dir).toString()),
                        StandardCopyOption.COPY_ATTRIBUTES);
                counts[1]++;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                throws IOException {
            Path copy = target.resolve(source.relativize(file).toString());
            Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES,
                    LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                Files.getFileAttributeView(copy, BasicFileAttributeView.class,
                        LinkOption.NOFOLLOW_LINKS).setTimes(attributes.lastModifiedTime(),
                        null, null);
                counts[2]++;
            } else {
                counts[0]++;
                counts[3] += attributes.size();
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
                throw e;
            }
            Path copy = target.resolve(source.relativize(dir).toString());
            Files.setLastModifiedTime(copy, Files.getLastModifiedTime(dir));
            return FileVisitResult.CONTINUE;
        }
    }
}
