package dev.holdfast.repository.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dev.holdfast.crypto.Keyring;
import dev.holdfast.crypto.Purpose;
import dev.holdfast.crypto.Sealer;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.RepositoryException.Reason;
import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.repository.objects.ObjectStore;
import dev.holdfast.repository.placement.Placement;
import dev.holdfast.repository.placement.PlacementRules;
import dev.holdfast.repository.placement.ReplicatedProvider;
import dev.holdfast.storage.RetrySettings;
import dev.holdfast.storage.RetryingProvider;
import dev.holdfast.storage.Sleeper;
import dev.holdfast.storage.filesystem.FileSystemProvider;
import dev.holdfast.storage.testing.FaultInjectingProvider;
import dev.holdfast.storage.testing.FaultInjectingProvider.Operation;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Locks on a real file-system provider. Each manager has its own clock, so a test can make one
 * holder's heartbeat old without waiting.
 */
class LockManagerTest {
    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path temp;

    private final Keyring keyring = Keyring.generate();
    private final List<LockManager> managers = new ArrayList<>();
    private ObjectStore store;

    @BeforeEach
    void openStore() throws Exception {
        store = new ObjectStore(FileSystemProvider.create("locks-test", temp));
    }

    @AfterEach
    void closeManagers() {
        managers.forEach(LockManager::close);
        keyring.close();
    }

    @Test
    void exclusiveLock_blockedBySharedLock() throws Exception {
        manager(START).acquire("backup", false);

        assertThatThrownBy(() -> manager(START).acquire("prune", true))
                .isInstanceOf(RepositoryException.class)
                .hasMessageContaining("backup by ")
                .hasMessageContaining("@" + hostName())
                .hasMessageContaining("(process " + ProcessHandle.current().pid() + ")")
                .hasMessageContaining("holdfast unlock")
                .extracting(e -> ((RepositoryException) e).reason()).isEqualTo(Reason.LOCKED);
        assertThat(store.list(ObjectKind.LOCK)).hasSize(1);
    }

    @Test
    void sharedLock_blockedByExclusiveLock() throws Exception {
        manager(START).acquire("prune", true);

        assertThatThrownBy(() -> manager(START).acquire("backup", false))
                .isInstanceOf(RepositoryException.class)
                .hasMessageContaining("prune by ");
    }

    @Test
    void backupMeetingExclusiveLock_waitsUntilItIsReleased() throws Exception {
        Lock prune = manager(START).acquire("prune", true);
        List<Duration> pauses = new ArrayList<>();
        Sleeper releasesOnFirstPause = duration -> {
            pauses.add(duration);
            prune.close();
        };
        LockManager backups = new LockManager(store, keyring, Clock.fixed(START, ZoneOffset.UTC),
                releasesOnFirstPause);
        managers.add(backups);

        Lock backup = backups.acquire("backup", false, Duration.ofMinutes(15));

        assertThat(pauses).containsExactly(LockManager.POLL);
        assertThat(store.list(ObjectKind.LOCK)).containsExactly(ObjectKind.LOCK.nameOf(backup.key()));
    }

    @Test
    void backupMeetingExclusiveLock_failsOnceTheWaitIsOver() throws Exception {
        manager(START).acquire("prune", true);
        long[] now = {0};
        List<Duration> pauses = new ArrayList<>();
        Sleeper fake = new Sleeper() {
            @Override
            public void sleep(Duration duration) {
                pauses.add(duration);
                now[0] += duration.toNanos();
            }

            @Override
            public long nanoTime() {
                return now[0];
            }
        };
        LockManager backups = new LockManager(store, keyring, Clock.fixed(START, ZoneOffset.UTC),
                fake);
        managers.add(backups);

        assertThatThrownBy(() -> backups.acquire("backup", false, Duration.ofSeconds(12)))
                .isInstanceOfSatisfying(RepositoryException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.LOCKED))
                .hasMessageContaining("prune by ");
        assertThat(pauses).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(2));
        assertThat(store.list(ObjectKind.LOCK)).hasSize(1);
    }

    @Test
    void sharedLocks_coexist() throws Exception {
        Lock first = manager(START).acquire("backup", false);
        Lock second = manager(START).acquire("check", false);

        assertThat(store.list(ObjectKind.LOCK)).hasSize(2);
        first.close();
        second.close();
        assertThat(store.list(ObjectKind.LOCK)).isEmpty();
    }

    @Test
    void oldHeartbeat_lockRemoved() throws Exception {
        manager(START).acquire("backup", false);
        Instant notYetStale = START.plus(LockManager.STALE_AFTER);

        assertThatThrownBy(() -> manager(notYetStale).acquire("prune", true))
                .isInstanceOf(RepositoryException.class);

        Lock prune = manager(notYetStale.plusSeconds(1)).acquire("prune", true);
        assertThat(store.list(ObjectKind.LOCK))
                .containsExactly(ObjectKind.LOCK.nameOf(prune.key()));
    }

    @Test
    void endedProcessLock_removed() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        store(new LockInfo(hostName(), ended.pid(), "root", "backup", false, START.toString(),
                START.toString()));

        manager(START).acquire("prune", true);

        assertThat(store.list(ObjectKind.LOCK)).hasSize(1);
    }

    @Test
    void otherHostLock_kept() throws Exception {
        store(new LockInfo("other-host.example", 1, "root", "backup", false, START.toString(),
                START.toString()));
        LockManager manager = manager(START.plusSeconds(60));

        assertThatThrownBy(() -> manager.acquire("prune", true))
                .hasMessageContaining("@other-host.example (process 1)");
        assertThat(manager.removeLocks(false)).isZero();
        assertThat(manager.removeLocks(true)).isEqualTo(1);
        assertThat(store.list(ObjectKind.LOCK)).isEmpty();
    }

    @Test
    void interruptedHolder_lockRemovedOnClose() throws Exception {
        FaultInjectingProvider faults = new FaultInjectingProvider(store.provider(), 1);
        faults.on(Operation.DELETE, "locks/.*").failTransient().times(1);
        RetrySettings fast = new RetrySettings(Duration.ofMillis(1), Duration.ofMillis(1), 3,
                Duration.ofMinutes(1));
        // Like Thread.sleep, the pause fails at once on an interrupted thread.
        Sleeper sleeper = duration -> {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
        };
        ObjectStore retrying = new ObjectStore(new RetryingProvider(faults, fast, sleeper));
        LockManager manager = new LockManager(retrying, keyring, Clock.fixed(START, ZoneOffset.UTC));
        managers.add(manager);
        Lock lock = manager.acquire("backup", false);

        boolean stillInterrupted;
        Thread.currentThread().interrupt();
        try {
            lock.close();
        } finally {
            stillInterrupted = Thread.interrupted();
        }

        assertThat(stillInterrupted).isTrue();
        assertThat(faults.calls(Operation.DELETE)).isEqualTo(2);
        assertThat(store.list(ObjectKind.LOCK)).isEmpty();
    }

    private LockManager manager(Instant now) {
        LockManager manager = new LockManager(store, keyring, Clock.fixed(now, ZoneOffset.UTC));
        managers.add(manager);
        return manager;
    }

    /** Stores a lock as another process would have written it. */
    private void store(LockInfo info) throws Exception {
        byte[] plain = new ObjectMapper(new CBORFactory()).writeValueAsBytes(info);
        store.put(ObjectKind.LOCK, Sealer.sealObject(keyring, Purpose.LOCK, new byte[0], plain));
    }

    private static String hostName() throws Exception {
        return InetAddress.getLocalHost().getHostName();
    }

    @Test
    void lockBelowWriteQuorum_leavesNoCopy() throws Exception {
        FileSystemProvider a = FileSystemProvider.create("a", temp.resolve("a"));
        FileSystemProvider b = FileSystemProvider.create("b", temp.resolve("b"));
        FaultInjectingProvider downB = new FaultInjectingProvider(b, 5);
        downB.makeUnavailable();
        try (ReplicatedProvider replicated = new ReplicatedProvider("replicated", List.of(a, downB),
                new Placement(new PlacementRules(2, Set.of(), Set.of(), 2), List.of("a", "b")),
                Duration.ofMillis(300))) {
            LockManager manager = new LockManager(new ObjectStore(replicated), keyring,
                    Clock.fixed(START, ZoneOffset.UTC));
            managers.add(manager);

            assertThatThrownBy(() -> manager.acquire("prune", true))
                    .isInstanceOf(RepositoryException.class)
                    .hasMessageContaining("writing a lock failed");

            List<String> left = new ArrayList<>();
            a.list("locks/", info -> left.add(info.key()));
            assertThat(left).isEmpty();
        }
    }
}
