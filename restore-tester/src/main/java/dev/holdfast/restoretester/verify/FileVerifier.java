package dev.holdfast.restoretester.verify;

import dev.holdfast.restoretester.EntryKind;
import dev.holdfast.restoretester.FileRestore;
import dev.holdfast.restoretester.RecordedEntry;
import dev.holdfast.restoretester.RestoreProblem;
import dev.holdfast.restoretester.report.Check;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Verifies a restored tree against the entries a file snapshot recorded, one entry at a time,
 * so that memory stays small whatever the snapshot's size. Feed it every recorded entry, then
 * ask for the {@link #checks}.
 *
 * <p>Each entry must exist with its recorded kind and modification time, to the nanosecond.
 * A regular file must also have its recorded size and SHA-256, and a symbolic link its
 * recorded target. Every entry but a symbolic link must have its recorded mode. Owners are
 * not compared, because only root restores them. Finally the restored tree's totals of
 * files and bytes must equal the recorded ones, which catches entries that should not be there.
 */
public final class FileVerifier implements Consumer<RecordedEntry> {
    private final Path root;
    private final Tally present = new Tally("entries present", "entries");
    private final Tally readable = new Tally("content readable from the repository", "files");
    private final Tally hashes = new Tally("content hashes", "files");
    private final Tally sizes = new Tally("sizes", "files");
    private final Tally modes = new Tally("modes", "entries");
    private final Tally times = new Tally("modification times", "entries");
    private final Tally links = new Tally("symbolic link targets", "symbolic links");
    private final Set<String> damagedObjects = new LinkedHashSet<>();
    private boolean damageSeen;
    private final List<String> unverifiable = new ArrayList<>();
    private long recordedFiles;
    private long recordedBytes;

    /** @param root the folder the snapshot was restored into */
    public FileVerifier(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void accept(RecordedEntry entry) {
        if (entry.kind() == EntryKind.FILE) {
            recordedFiles++;
            recordedBytes += entry.size();
            if (entry.sha256() == null) {
                unreadable(entry);
            } else {
                readable.passed();
            }
        }
        if (!entry.exactName()) {
            unverifiable.add(entry.path());
            return;
        }
        Path path = root.resolve(entry.path()).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            present.failed(entry.path() + ": the path leaves the restore folder");
            return;
        }
        RestoredEntry restored;
        try {
            restored = RestoredEntry.read(path);
        } catch (IOException e) {
            present.failed(entry.path() + ": " + RestoredEntry.reason(e));
            return;
        }
        compare(entry, path, restored);
    }

    private void compare(RecordedEntry entry, Path path, RestoredEntry restored) {
        if (restored.kind() != entry.kind()) {
            present.failed(entry.path() + ": recorded as " + entry.kind().label()
                    + ", restored as " + restored.kindLabel());
            return;
        }
        present.passed();
        if (entry.kind() != EntryKind.SYMLINK) {
            compareMode(entry, restored);
        }
        compareTime(entry, restored);
        switch (entry.kind()) {
            case FILE -> compareFile(entry, path, restored);
            case SYMLINK -> compareLink(entry, path);
            default -> { }
        }
    }

    private void compareMode(RecordedEntry entry, RestoredEntry restored) {
        if (restored.permissions() == (entry.mode() & RestoredEntry.PERMISSION_BITS)) {
            modes.passed();
        } else {
            modes.failed(entry.path() + ": recorded " + octal(entry.mode()) + ", restored "
                    + octal(restored.permissions()));
        }
    }

    private void compareTime(RecordedEntry entry, RestoredEntry restored) {
        if (restored.modified().equals(entry.modified())) {
            times.passed();
        } else {
            times.failed(entry.path() + ": recorded " + entry.modified() + ", restored "
                    + restored.modified());
        }
    }

    private void compareFile(RecordedEntry entry, Path path, RestoredEntry restored) {
        if (restored.size() == entry.size()) {
            sizes.passed();
        } else {
            sizes.failed(entry.path() + ": recorded " + entry.size() + " bytes, restored "
                    + restored.size());
        }
        if (entry.sha256() == null) {
            return;
        }
        try {
            String actual = RestoredEntry.sha256(path);
            if (actual.equals(entry.sha256())) {
                hashes.passed();
            } else {
                hashes.failed(entry.path() + ": recorded SHA-256 " + entry.sha256()
                        + ", restored " + actual);
            }
        } catch (IOException e) {
            hashes.failed(entry.path() + ": cannot read the restored file: "
                    + RestoredEntry.reason(e));
        }
    }

    private void unreadable(RecordedEntry entry) {
        RestoreProblem problem = entry.contentProblem();
        String reason = problem == null ? "the restorer gave no hash" : problem.reason();
        readable.failed(entry.path() + ": " + reason);
        damageSeen |= problem != null && problem.repositoryDamage();
        if (problem != null && problem.damagedObject() != null) {
            damagedObjects.add(problem.damagedObject());
        }
    }

    private void compareLink(RecordedEntry entry, Path path) {
        try {
            String target = java.nio.file.Files.readSymbolicLink(path).toString();
            if (target.equals(entry.linkTarget())) {
                links.passed();
            } else {
                links.failed(entry.path() + ": recorded target '" + entry.linkTarget()
                        + "', restored '" + target + "'");
            }
        } catch (IOException e) {
            links.failed(entry.path() + ": " + RestoredEntry.reason(e));
        }
    }

    /**
     * Returns the checks, given what the restore itself reported. Call it after every entry
     * was passed to {@link #accept}.
     */
    public List<Check> checks(FileRestore restore) throws IOException {
        List<Check> checks = new ArrayList<>();
        checks.add(RestoreChecks.completed(restore));
        checks.add(present.check("are missing or of another kind", Advice.countMismatch()));
        checks.add(readable.check("could not be read from the repository", damageSeen
                ? Advice.damagedObjects(damagedObjects) : Advice.restoreFailed(null)));
        checks.add(hashes.check("differ from the recorded SHA-256", Advice.contentMismatch()));
        checks.add(sizes.check("differ from the recorded size", Advice.contentMismatch()));
        checks.add(modes.check("differ from the recorded mode",
                Advice.metadataMismatch("modes")));
        checks.add(times.check("differ from the recorded modification time",
                Advice.metadataMismatch("modification times")));
        checks.add(links.check("point elsewhere than recorded",
                Advice.metadataMismatch("link targets")));
        checks.add(RestoreChecks.totals(root, recordedFiles, recordedBytes));
        if (!unverifiable.isEmpty()) {
            checks.add(RestoreChecks.unverifiable(unverifiable));
        }
        return checks;
    }

    /** Returns the regular files the snapshot recorded. */
    public long recordedFiles() {
        return recordedFiles;
    }

    /** Returns the content bytes the snapshot recorded. */
    public long recordedBytes() {
        return recordedBytes;
    }

    private static String octal(int mode) {
        return String.format("%04o", mode & RestoredEntry.PERMISSION_BITS);
    }
}
