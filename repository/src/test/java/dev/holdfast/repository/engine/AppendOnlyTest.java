package dev.holdfast.repository.engine;

import static dev.holdfast.repository.engine.TestRepositories.backup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.crypto.KeySlotRole;
import dev.holdfast.repository.KeySlotInfo;
import dev.holdfast.repository.Progress;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.RepositoryException.Reason;
import dev.holdfast.repository.prune.PruneOptions;
import dev.holdfast.storage.AppendOnlyProvider;
import dev.holdfast.storage.ForwardingProvider;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands that delete refuse up front on an append-only provider and through an append-only
 * key slot, so a delete never reaches the provider, while backups and key slots of the
 * append-only role still work.
 */
class AppendOnlyTest {
    private static final char[] HOST_PASSPHRASE = "backup host passphrase".toCharArray();

    @TempDir
    Path temp;

    private Path folder;
    private Path source;
    private String secondSlot;

    /** Records every delete that reaches the append-only wrapper. */
    static final class DeleteRecorder extends ForwardingProvider {
        final List<String> deleted = new CopyOnWriteArrayList<>();

        DeleteRecorder(Provider delegate) {
            super(delegate);
        }

        @Override
        public void delete(String key) throws StorageException {
            deleted.add(key);
            delegate.delete(key);
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        source = Files.createDirectory(temp.resolve("src"));
        Files.write(source.resolve("a.txt"), Trees.random(3, 2000));
        folder = temp.resolve("repo");
        try (Repository repository = TestRepositories.create(folder,
                TestRepositories.SMALL_CHUNKS)) {
            secondSlot = repository.addKey("other".toCharArray(), "other").id();
            repository.addKey(HOST_PASSPHRASE, "backup host", KeySlotRole.APPEND_ONLY);
        }
    }

    private static void assertAppendOnly(ThrowingCallable call, String... words) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RepositoryException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.APPEND_ONLY);
            assertThat(e.getMessage()).contains(words);
        });
    }

    @Test
    void appendOnlyProvider_refusesDeletesBeforeReachingProvider() throws Exception {
        DeleteRecorder recorder = new DeleteRecorder(
                new AppendOnlyProvider(TestRepositories.provider(folder), "locks/"));
        try (Repository repository = TestRepositories.open(recorder)) {
            backup(repository, source);

            assertThat(repository.canDelete()).isFalse();
            assertAppendOnly(() -> repository.removeKey(secondSlot), "key remove", "\"test\"",
                    "append-only", "credential");
            assertAppendOnly(() -> repository.unlock(true), "unlock --remove-all");
            assertAppendOnly(() -> repository.requireDeletion("prune"), "prune");
            assertAppendOnly(() -> repository.prune(PruneOptions.defaults()), "prune");
            assertThat(repository.prune(PruneOptions.defaults().withDryRun(true)).dryRun())
                    .as("a dry run deletes nothing, so it runs")
                    .isTrue();
            repository.requireFullSlot("forget");
            assertThat(repository.unlock(false)).isZero();
            assertThat(repository.check(false, Progress.NONE).problems()).isEmpty();
        }

        assertThat(recorder.deleted).allMatch(key -> key.startsWith("locks/"));
        assertThat(Files.exists(folder.resolve("keys/" + secondSlot))).isTrue();
    }

    @Test
    void appendOnlySlot_refusesDeletesAndFullSlots() throws Exception {
        try (Repository repository = Repository.open(TestRepositories.provider(folder),
                HOST_PASSPHRASE)) {
            backup(repository, source);

            assertThat(repository.role()).isEqualTo(KeySlotRole.APPEND_ONLY);
            assertThat(repository.canDelete()).isFalse();
            assertAppendOnly(() -> repository.removeKey(secondSlot), "key remove",
                    "append-only", "full key slot");
            assertAppendOnly(() -> repository.addKey("x".toCharArray(), "x"), "key add",
                    "or add an append-only slot with `holdfast key add --append-only`");
            assertAppendOnly(() -> repository.unlock(true), "unlock --remove-all");
            assertAppendOnly(() -> repository.requireFullSlot("forget"), "forget");
            String snapshot = repository.snapshots().getFirst().id();
            assertAppendOnly(() -> repository.forget(List.of(snapshot), "by host"), "forget");
            assertThat(repository.deletedSnapshots()).isEmpty();
            assertAppendOnly(() -> repository.requireDeletion("prune"), "prune");
            KeySlotInfo added = repository.addKey("y".toCharArray(), "y",
                    KeySlotRole.APPEND_ONLY);
            assertThat(added.role()).isEqualTo("append-only");
        }
        assertThat(Files.exists(folder.resolve("keys/" + secondSlot))).isTrue();
    }

    @Test
    void keyList_showsRoles() throws Exception {
        try (Repository repository = TestRepositories.open(folder)) {
            assertThat(repository.role()).isEqualTo(KeySlotRole.FULL);
            assertThat(repository.canDelete()).isTrue();
            assertThat(repository.keys()).extracting(KeySlotInfo::label, KeySlotInfo::role)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("test key", "full"),
                            org.assertj.core.groups.Tuple.tuple("other", "full"),
                            org.assertj.core.groups.Tuple.tuple("backup host", "append-only"));
        }
    }

    @Test
    void forgetAndUndelete_recordedInAuditTrail() throws Exception {
        try (Repository repository = TestRepositories.open(folder)) {
            backup(repository, source);
            backup(repository, source);
            String first = repository.snapshots().getFirst().id();

            repository.forget(List.of(first), "test cleanup");
            repository.undelete(first);

            var entries = repository.auditTrail().entries();
            assertThat(entries).extracting(e -> e.entry().action())
                    .endsWith("backup", "backup", "forget", "undelete");
            var forget = entries.get(entries.size() - 2).entry().details();
            assertThat(forget).containsEntry("snapshots", first)
                    .containsEntry("reason", "test cleanup")
                    .containsEntry("amount", "1")
                    .containsEntry("total", "2");
            assertThat(entries.getLast().entry().details()).containsEntry("snapshot", first);
            assertThat(repository.auditTrail().problems()).isEmpty();
        }
    }

    @Test
    void bulkDeletionStop_recordedInAuditTrail() throws Exception {
        try (Repository repository = TestRepositories.open(folder)) {
            backup(repository, source);
            List<String> all = List.of(repository.snapshots().getFirst().id());

            assertThatThrownBy(() -> repository.forget(all, "all of it"))
                    .isInstanceOf(dev.holdfast.repository.retention.BulkDeletionException.class);

            var last = repository.auditTrail().entries().getLast().entry();
            assertThat(last.action()).isEqualTo("bulk-deletion-stopped");
            assertThat(last.details()).containsEntry("command", "forget")
                    .containsEntry("amount", "1")
                    .containsEntry("max-share", "50%");
            assertThat(repository.deletedSnapshots()).isEmpty();
        }
    }

    @Test
    void fullSlot_removesKeyAndRecordsIt() throws Exception {
        try (Repository repository = TestRepositories.open(folder)) {
            repository.removeKey(secondSlot);

            assertThat(repository.auditTrail().entries()).extracting(e -> e.entry().action())
                    .containsExactly("init", "key-add", "key-add", "key-remove");
        }
        assertThat(Files.exists(folder.resolve("keys/" + secondSlot))).isFalse();
    }
}
