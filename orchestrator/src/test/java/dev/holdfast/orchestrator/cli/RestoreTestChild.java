package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.config.ConfigLoader;
import dev.holdfast.orchestrator.config.HoldfastConfig;
import dev.holdfast.orchestrator.restoretest.RepositoryRestorer;
import dev.holdfast.orchestrator.restoretest.RestoreTestSources;
import dev.holdfast.repository.Repository;
import dev.holdfast.restoretester.DatabaseRestore;
import dev.holdfast.restoretester.DatabaseTarget;
import dev.holdfast.restoretester.FileRestore;
import dev.holdfast.restoretester.RecordedEntry;
import dev.holdfast.restoretester.RestoreException;
import dev.holdfast.restoretester.RestoreTest;
import dev.holdfast.restoretester.RestoreTestOptions;
import dev.holdfast.restoretester.SnapshotRestorer;
import dev.holdfast.restoretester.SnapshotSummary;
import dev.holdfast.restoretester.TableRows;
import dev.holdfast.restoretester.TestSource;
import dev.holdfast.storage.filesystem.FileSystemProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The child JVM of {@link KilledRestoreTestTest}: it runs a restore test of the
 * configuration given as its argument, with the settings holdfast restore-test uses, and
 * after the first restore prints {@code restored} and waits to be killed.
 */
public final class RestoreTestChild {
    /** Gives up after this long, so that a parent that died does not leave the child behind. */
    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private RestoreTestChild() {
    }

    public static void main(String[] args) throws Exception {
        HoldfastConfig config = ConfigLoader.load(Path.of(args[0]));
        char[] passphrase = System.getenv("HOLDFAST_PASSPHRASE").toCharArray();
        Repository repository = Repository.open(FileSystemProvider.create("local",
                config.repositoryProvider().path()), passphrase);
        RestoreTestOptions options = RestoreTestOptions.defaults()
                .withVolume(config.restoreTest().volume())
                .withStateFolder(config.restoreTest().stateFolder());
        SnapshotRestorer pausing = new Pausing(new RepositoryRestorer(repository,
                config.sources()));
        new RestoreTest(pausing, options, Clock.systemUTC())
                .run(RestoreTestSources.of(config, config.sources()));
    }

    /** Restores through the real restorer, then stops until the JVM is killed. */
    private record Pausing(SnapshotRestorer delegate) implements SnapshotRestorer {
        @Override
        public List<SnapshotSummary> snapshots(TestSource source) throws RestoreException {
            return delegate.snapshots(source);
        }

        @Override
        public FileRestore restoreFiles(String snapshotId, Path target)
                throws RestoreException {
            delegate.restoreFiles(snapshotId, target);
            System.out.println("restored");
            System.out.flush();
            try {
                Thread.sleep(LIFETIME);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new RestoreException("the test child was not killed within " + LIFETIME,
                    null);
        }

        @Override
        public void recordedEntries(String snapshotId, Consumer<RecordedEntry> entries)
                throws RestoreException {
            delegate.recordedEntries(snapshotId, entries);
        }

        @Override
        public DatabaseRestore restoreDatabase(String snapshotId, DatabaseTarget target)
                throws RestoreException {
            return delegate.restoreDatabase(snapshotId, target);
        }

        @Override
        public List<TableRows> expectedRowCounts(String snapshotId) throws RestoreException {
            return delegate.expectedRowCounts(snapshotId);
        }
    }
}
