package dev.holdfast.repository.engine;

import static dev.holdfast.repository.engine.TestRepositories.passphrase;
import static dev.holdfast.repository.engine.TestRepositories.provider;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.repository.CheckReport;
import dev.holdfast.repository.Progress;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.prune.PruneOptions;
import dev.holdfast.repository.prune.PruneReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider that drops one deletion record: check names the snapshot whose records disagree
 * with the audit trail, and prune does not remove a snapshot that the trail records as undeleted.
 */
class DroppedDeletionRecordTest {
    private static final Duration DELAY = Duration.ofDays(7);

    @TempDir
    Path temp;

    private Path source;
    private SettableClock clock;

    @BeforeEach
    void setUp() throws Exception {
        source = Files.createDirectories(temp.resolve("src"));
        clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));
    }

    private Repository create() throws Exception {
        return Repository.init(provider(temp.resolve("repo")), passphrase(),
                TestRepositories.SMALL_CHUNKS.withDeletionDelay(DELAY), "test key", clock);
    }

    private String backup(Repository repository, int seed) throws Exception {
        Files.write(source.resolve("f" + seed), Trees.random(seed, 40_000));
        String id = TestRepositories.backup(repository, source).snapshotId();
        clock.advance(Duration.ofMinutes(1));
        return id;
    }

    private Set<Path> records() throws Exception {
        Path folder = temp.resolve("repo/deleted");
        if (!Files.exists(folder)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return new HashSet<>(files.toList());
        }
    }

    private static List<String> problemObjects(CheckReport report) {
        return report.problems().stream().map(CheckReport.Problem::object).toList();
    }

    @Test
    void droppedUndeleteRecord_keepsSnapshot() throws Exception {
        try (Repository repository = create()) {
            String first = backup(repository, 1);
            backup(repository, 2);
            repository.forget(List.of(first), "test");
            clock.advance(Duration.ofMinutes(1));
            Set<Path> before = records();
            repository.undelete(first);
            Set<Path> undeleteRecord = new HashSet<>(records());
            undeleteRecord.removeAll(before);
            assertThat(undeleteRecord).hasSize(1);

            Files.delete(undeleteRecord.iterator().next());
            clock.advance(DELAY.plusDays(1));

            CheckReport report = repository.check(false, Progress.NONE);
            assertThat(problemObjects(report)).containsExactly("deleted/ (snapshot " + first + ")");
            assertThat(report.problems().getFirst().message()).contains("an undelete");
            PruneReport pruned = repository.prune(PruneOptions.defaults()
                    .withBulkDeletion(1.0, false));
            assertThat(pruned.snapshotsRemoved()).isEmpty();
            assertThat(SnapshotContents.of(repository, first)).containsKey("/src/f1");
        }
    }

    @Test
    void droppedForgetRecord_namedByCheck() throws Exception {
        try (Repository repository = create()) {
            String first = backup(repository, 1);
            backup(repository, 2);
            repository.forget(List.of(first), "test");
            assertThat(records()).hasSize(1);

            Files.delete(records().iterator().next());

            CheckReport report = repository.check(false, Progress.NONE);
            assertThat(problemObjects(report)).containsExactly("deleted/ (snapshot " + first + ")");
            assertThat(report.problems().getFirst().message()).contains("show the snapshot live")
                    .contains("a forget");
        }
    }

    @Test
    void intactRecords_checkClean() throws Exception {
        try (Repository repository = create()) {
            String first = backup(repository, 1);
            backup(repository, 2);
            repository.forget(List.of(first), "test");
            clock.advance(Duration.ofMinutes(1));
            repository.undelete(first);
            clock.advance(Duration.ofMinutes(1));
            repository.forget(List.of(first), "again");

            assertThat(repository.check(false, Progress.NONE).problems()).isEmpty();
        }
    }
}
