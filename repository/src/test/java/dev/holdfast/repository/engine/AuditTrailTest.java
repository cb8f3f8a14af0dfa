package dev.holdfast.repository.engine;

import static dev.holdfast.repository.engine.TestRepositories.backup;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.repository.CheckReport;
import dev.holdfast.repository.CheckReport.Problem;
import dev.holdfast.repository.Progress;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.audit.AuditEntry;
import dev.holdfast.repository.audit.AuditTrail;
import dev.holdfast.repository.audit.AuditVerifier;
import dev.holdfast.repository.objects.ObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit trail records init, backups and key changes as one hash chain, and check names
 * every entry that a provider removed, altered or swapped, including a removed newest entry
 * that a later snapshot names.
 */
class AuditTrailTest {
    @TempDir
    Path temp;

    private Path folder;
    private Path source;

    @BeforeEach
    void setUp() throws Exception {
        source = Files.createDirectory(temp.resolve("src"));
        Files.write(source.resolve("a.txt"), Trees.random(1, 3000));
        folder = temp.resolve("repo");
    }

    /** Creates a repository and writes entries 1 (init) to 4 (backup, forget, backup). */
    private void writeFourEntries() throws Exception {
        try (Repository repository = TestRepositories.create(folder,
                TestRepositories.SMALL_CHUNKS)) {
            backup(repository, source);
            repository.audit("forget", Map.of("snapshot", "0123abcd"));
            backup(repository, source);
        }
    }

    private Path entry(long seq) {
        return folder.resolve(AuditTrail.key(seq));
    }

    private List<Problem> check() throws Exception {
        try (Repository repository = TestRepositories.open(folder)) {
            CheckReport report = repository.check(false, Progress.NONE);
            return report.problems();
        }
    }

    private AuditVerifier.Result trail() throws Exception {
        try (Repository repository = TestRepositories.open(folder)) {
            return repository.auditTrail();
        }
    }

    @Test
    void chain_recordsActionsInOrderAndVerifies() throws Exception {
        writeFourEntries();

        AuditVerifier.Result result = trail();

        assertThat(result.verified()).isTrue();
        assertThat(result.entries()).extracting(e -> e.entry().action())
                .containsExactly("init", "backup", "forget", "backup");
        assertThat(result.entries()).extracting(AuditVerifier.Listed::seq)
                .containsExactly(1L, 2L, 3L, 4L);
        assertThat(result.entries().getFirst().entry().prev()).isEqualTo(new byte[32]);
        for (int i = 1; i < result.entries().size(); i++) {
            assertThat(result.entries().get(i).entry().prev())
                    .isEqualTo(result.entries().get(i - 1).hash());
        }
        assertThat(check()).isEmpty();
    }

    @Test
    void backupEntry_namesSnapshotFilesAndBytes() throws Exception {
        String snapshotId;
        try (Repository repository = TestRepositories.create(folder,
                TestRepositories.SMALL_CHUNKS)) {
            snapshotId = backup(repository, source).snapshotId();
        }

        AuditEntry backup = trail().entries().get(1).entry();

        assertThat(backup.action()).isEqualTo("backup");
        assertThat(backup.details()).containsEntry("snapshot", snapshotId)
                .containsEntry("files", "1").containsEntry("bytes", "3000");
        assertThat(backup.host()).isNotEmpty();
        assertThat(backup.user()).isEqualTo(System.getProperty("user.name"));
    }

    @Test
    void removedMiddleEntry_namedAsMissing() throws Exception {
        writeFourEntries();
        Files.delete(entry(2));

        List<Problem> problems = check();

        assertThat(problems).extracting(Problem::object).containsExactly(AuditTrail.key(2));
        assertThat(problems.getFirst().message()).contains("missing")
                .contains("from entry 1 to entry 3");
    }

    @Test
    void alteredEntry_namedAsDamaged() throws Exception {
        writeFourEntries();
        byte[] bytes = Files.readAllBytes(entry(3));
        bytes[bytes.length - 20] ^= 1;
        Files.write(entry(3), bytes);

        List<Problem> problems = check();

        assertThat(problems).extracting(Problem::object).containsExactly(AuditTrail.key(3));
        assertThat(problems.getFirst().message()).contains("damaged")
                .contains("failed authentication");
    }

    @Test
    void swappedEntries_bothNamed() throws Exception {
        writeFourEntries();
        byte[] second = Files.readAllBytes(entry(2));
        byte[] third = Files.readAllBytes(entry(3));
        Files.write(entry(2), third);
        Files.write(entry(3), second);

        List<Problem> problems = check();

        assertThat(problems).extracting(Problem::object)
                .containsExactly(AuditTrail.key(2), AuditTrail.key(3));
        assertThat(problems.get(0).message()).contains("holds entry 3, not entry 2");
        assertThat(problems.get(1).message()).contains("holds entry 2, not entry 3");
    }

    @Test
    void replacedEntry_nextEntryNamesBrokenChain() throws Exception {
        writeFourEntries();
        // A second authentic entry 3, as a writer that lost a race on another provider leaves.
        Files.delete(entry(3));
        try (Repository repository = TestRepositories.open(folder)) {
            Files.move(entry(4), temp.resolve("four"));
            repository.audit("undelete", Map.of());
        }
        Files.move(temp.resolve("four"), entry(4));

        List<Problem> problems = check();

        assertThat(problems).extracting(Problem::object).contains(AuditTrail.key(4));
        assertThat(problems).filteredOn(p -> p.object().equals(AuditTrail.key(4)))
                .extracting(Problem::message).anyMatch(m -> m.contains("prev hash differs"));
    }

    @Test
    void removedNewestEntries_namedThroughLaterSnapshot() throws Exception {
        writeFourEntries();
        // The second backup's snapshot names entry 3, the newest when it was written. A
        // provider that drops the tail (entries 3 and 4) leaves a chain that verifies alone.
        Files.delete(entry(4));
        Files.delete(entry(3));

        List<Problem> problems = check();

        assertThat(problems).extracting(Problem::object).containsExactly(AuditTrail.key(3));
        assertThat(problems.getFirst().message()).contains("missing")
                .contains("names it as the newest entry");
    }

    @Test
    void replacedAnchoredEntry_namedThroughSnapshot() throws Exception {
        writeFourEntries();
        Files.delete(entry(4));
        Files.delete(entry(3));
        try (Repository repository = TestRepositories.open(folder)) {
            repository.audit("forget", Map.of("snapshot", "other"));
        }

        List<Problem> problems = check();

        assertThat(problems).extracting(Problem::object).containsExactly(AuditTrail.key(3));
        assertThat(problems.getFirst().message()).contains("differs from the one that snapshot");
    }

    @Test
    void concurrentWriters_keepOneChain() throws Exception {
        try (Repository created = TestRepositories.create(folder,
                TestRepositories.SMALL_CHUNKS)) {
            created.id();
        }
        int perWriter = 25;
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Repository first = TestRepositories.open(folder);
                Repository second = TestRepositories.open(folder)) {
            List<Future<Void>> writers = new ArrayList<>();
            for (Repository repository : List.of(first, second)) {
                writers.add(threads.submit(appendMany(repository, perWriter)));
            }
            for (Future<Void> writer : writers) {
                writer.get();
            }
        } finally {
            threads.shutdownNow();
        }

        AuditVerifier.Result result = trail();

        assertThat(result.verified()).isTrue();
        assertThat(result.entries()).hasSize(1 + 2 * perWriter);
        assertThat(result.entries()).extracting(AuditVerifier.Listed::seq)
                .containsExactlyElementsOf(java.util.stream.LongStream
                        .rangeClosed(1, 1 + 2 * perWriter).boxed().toList());
    }

    private static Callable<Void> appendMany(Repository repository, int count) {
        return () -> {
            for (int i = 0; i < count; i++) {
                repository.audit("test", Map.of("writer", Thread.currentThread().getName(),
                        "n", Integer.toString(i)));
            }
            return null;
        };
    }

    @Test
    void entries_holdNoPassphrase() throws Exception {
        char[] newPassphrase = "second secret passphrase".toCharArray();
        try (Repository repository = TestRepositories.create(folder,
                TestRepositories.SMALL_CHUNKS)) {
            backup(repository, source);
            repository.addKey(newPassphrase, "second");
        }

        AuditVerifier.Result result = trail();

        assertThat(result.entries()).extracting(e -> e.entry().action())
                .containsExactly("init", "backup", "key-add");
        for (AuditVerifier.Listed listed : result.entries()) {
            String text = listed.entry().toString() + listed.entry().details();
            assertThat(text).doesNotContain(new String(TestRepositories.passphrase()))
                    .doesNotContain(new String(newPassphrase));
        }
    }

    @Test
    void formatV1Repository_checksCleanAndStartsTrail() throws Exception {
        try (Repository repository = FormatV1Fixture.openCopy(folder)) {
            assertThat(repository.check(false, Progress.NONE).problems()).isEmpty();
            assertThat(repository.auditTrail().entries()).isEmpty();

            backup(repository, source);

            AuditVerifier.Result result = repository.auditTrail();
            assertThat(result.verified()).isTrue();
            assertThat(result.entries()).extracting(e -> e.entry().action())
                    .containsExactly("backup");
            assertThat(result.entries().getFirst().entry().prev()).isEqualTo(new byte[32]);
            assertThat(ObjectStore.sha256(Files.readAllBytes(entry(1))))
                    .isEqualTo(result.entries().getFirst().hash());
            assertThat(repository.check(false, Progress.NONE).problems()).isEmpty();
        }
    }
}
