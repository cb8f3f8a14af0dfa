package dev.holdfast.restoretester;

import dev.holdfast.restoretester.SnapshotChoice.Picked;
import dev.holdfast.restoretester.environment.TemporaryDirectory;
import dev.holdfast.restoretester.report.Check;
import dev.holdfast.restoretester.report.SnapshotTest;
import dev.holdfast.restoretester.verify.Advice;
import dev.holdfast.restoretester.verify.FileVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The test of one file snapshot: check the volume's free space, make a temporary directory,
 * restore into it, verify, and remove the directory.
 */
final class FileSnapshotTest {
    static final String SPACE = "restore volume has room";
    static final String ENVIRONMENT = "environment created";

    private final SnapshotRestorer restorer;
    private final RestoreTestOptions options;
    private final List<Check> checks = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private String environment = "";
    private long restoreMillis;
    private long verifyMillis;

    FileSnapshotTest(SnapshotRestorer restorer, RestoreTestOptions options) {
        this.restorer = restorer;
        this.options = options;
    }

    SnapshotTest run(Picked picked) {
        SnapshotSummary snapshot = picked.snapshot();
        if (hasRoom(snapshot)) {
            TemporaryDirectory directory = create(snapshot);
            if (directory != null) {
                try {
                    restoreAndVerify(snapshot.id(), directory.path());
                } finally {
                    checks.add(Environments.remove(directory, directory.path()));
                }
            }
        }
        long rate = restoreMillis > 0 ? snapshot.bytes() * 1000 / restoreMillis : 0;
        return new SnapshotTest(snapshot.id(), snapshot.time(), picked.role(), environment,
                snapshot.files(), snapshot.bytes(), restoreMillis, verifyMillis, rate, checks,
                warnings);
    }

    /** Checks the volume's usable space against the snapshot's size before making anything. */
    private boolean hasRoom(SnapshotSummary snapshot) {
        Path volume = options.volume();
        try {
            Files.createDirectories(volume);
            long free = Files.getFileStore(volume).getUsableSpace();
            if (free < snapshot.bytes()) {
                checks.add(Check.failed(SPACE, "the restore volume '" + volume + "' has "
                        + free + " bytes free, but the snapshot holds " + snapshot.bytes()
                        + " bytes", Advice.notEnoughSpace()));
                return false;
            }
            checks.add(Check.passed(SPACE, 1));
            return true;
        } catch (IOException e) {
            checks.add(Check.failed(SPACE, "cannot use the restore volume '" + volume + "': "
                    + e.getMessage(), Advice.environmentFailed()));
            return false;
        }
    }

    private TemporaryDirectory create(SnapshotSummary snapshot) {
        try {
            TemporaryDirectory directory = TemporaryDirectory.create(options.volume(),
                    snapshot.bytes(), options.stateFolder());
            environment = directory.describe();
            checks.add(Check.passed(ENVIRONMENT, 1));
            return directory;
        } catch (IOException e) {
            checks.add(Check.failed(ENVIRONMENT, e.getMessage(), Advice.environmentFailed()));
            return null;
        }
    }

    private void restoreAndVerify(String snapshotId, Path target) {
        long start = System.nanoTime();
        FileRestore restore;
        try {
            restore = restorer.restoreFiles(snapshotId, target);
        } catch (RestoreException | RuntimeException e) {
            checks.add(Environments.restoreFailed(e));
            return;
        } finally {
            restoreMillis = (System.nanoTime() - start) / 1_000_000;
        }
        warnings.addAll(restore.warnings());
        long verifyStart = System.nanoTime();
        FileVerifier verifier = new FileVerifier(target);
        try {
            restorer.recordedEntries(snapshotId, verifier);
            checks.addAll(verifier.checks(restore));
        } catch (RestoreException | RuntimeException e) {
            checks.add(Check.failed("snapshot entries read", String.valueOf(e.getMessage()),
                    Advice.restoreFailed(e instanceof RestoreException r ? r.damagedObject()
                            : null)));
        } catch (IOException e) {
            checks.add(Check.failed("restored tree read", "cannot walk the restored tree '"
                    + target + "': " + e.getMessage(), Advice.environmentFailed()));
        } finally {
            verifyMillis = (System.nanoTime() - verifyStart) / 1_000_000;
        }
    }
}
