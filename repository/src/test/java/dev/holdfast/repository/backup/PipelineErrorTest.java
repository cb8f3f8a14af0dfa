package dev.holdfast.repository.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.crypto.Keyring;
import dev.holdfast.repository.Progress;
import dev.holdfast.repository.chunker.Chunker;
import dev.holdfast.repository.chunker.ChunkerParameters;
import dev.holdfast.repository.chunker.GearTable;
import dev.holdfast.repository.index.Index;
import dev.holdfast.repository.objects.ObjectKind;
import dev.holdfast.repository.objects.ObjectStore;
import dev.holdfast.repository.pack.BlobType;
import dev.holdfast.repository.posix.DirHandle;
import dev.holdfast.storage.ForwardingProvider;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.filesystem.FileSystemProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@link Error}, such as running out of heap, at the spots of the backup pipeline where work
 * is handed from one thread to another. Each must fail the backup and give back what the lost
 * work held (blob budget, upload slot, file worker slot), so that no thread waits forever. The
 * timeouts only stop a hung build; the assertions are about the outcome.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PipelineErrorTest {
    private static final Keyring KEYRING = Keyring.generate();
    private static final int PACK_TARGET = 64 * 1024;

    @TempDir
    Path temp;
    private FileSystemProvider provider;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void openProvider() throws Exception {
        provider = FileSystemProvider.open("test",
                Files.createDirectory(temp.resolve("repository")));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void sinkExecuteError_failsBackup() {
        Packer packer = packer(provider);
        BlobSink sink = sink(packer, new ThrowingExecutor());

        assertThatThrownBy(() -> sink.store(random(1, 1000), BlobType.DATA))
                .isInstanceOf(OutOfMemoryError.class);

        assertThatThrownBy(() -> sink.store(random(2, 1000), BlobType.DATA))
                .isInstanceOf(BackupFailedException.class).hasMessageContaining("injected");
        assertThatThrownBy(sink::drain)
                .isInstanceOf(BackupFailedException.class).hasMessageContaining("injected");
    }

    @Test
    void sinkLostBudget_wakesWaitingStore() throws Exception {
        Packer packer = packer(provider);
        // The first blob is handed to a worker that never runs it and never returns its
        // budget, as a worker thread that died before its task would. The budget fits one blob.
        ExecutorService lost = new LosingExecutor();
        BlobSink sink = new BlobSink(KEYRING, new Index(), packer, 0, 2, 1000, lost);
        sink.store(random(3, 1000), BlobType.DATA);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread waiting = Thread.ofPlatform().start(() -> {
            try {
                sink.store(random(4, 1000), BlobType.DATA);
            } catch (BackupFailedException | RuntimeException e) {
                thrown.set(e);
            }
        });

        sink.fail(new OutOfMemoryError("injected"));
        waiting.join();

        assertThat(thrown.get()).isInstanceOf(BackupFailedException.class)
                .hasMessageContaining("injected");
        assertThatThrownBy(sink::drain).isInstanceOf(BackupFailedException.class);
    }

    @Test
    void packerUploadError_failsFlush() throws Exception {
        Provider failing = new ForwardingProvider(provider) {
            @Override
            public boolean putIfAbsent(String key, byte[] data, int length) {
                throw new OutOfMemoryError("injected");
            }
        };
        Packer packer = packer(failing);
        BlobSink sink = sink(packer, workers());

        for (int i = 0; i < 8; i++) {
            sink.store(random(10 + i, 20_000), BlobType.DATA);
        }
        assertThatThrownBy(() -> {
            sink.drain();
            packer.flush();
        }).isInstanceOf(BackupFailedException.class).hasMessageContaining("injected");

        List<String> indexes = new ArrayList<>();
        provider.list(ObjectKind.INDEX.prefix(), info -> indexes.add(info.key()));
        assertThat(indexes).as("no index lists blobs of a pack that was never stored").isEmpty();
    }

    @Test
    void walkerLostRead_releasesSlot() throws Exception {
        Path source = Files.createDirectories(temp.resolve("source"));
        Files.write(source.resolve("file"), random(20, 100));
        Packer packer = packer(provider);
        BlobSink sink = sink(packer, workers());
        Chunker chunker = new Chunker(ChunkerParameters.DEFAULT,
                GearTable.derive(KEYRING.chunkerSeed()));
        ThrowingExecutor fileWorkers = new ThrowingExecutor();
        opened.add(fileWorkers::shutdownNow);
        Walker walker = new Walker(sink, new FileReader(chunker, sink), fileWorkers, null,
                new Stats(Progress.NONE), new Excludes(List.of(), List.of()));
        DirHandle parent = DirHandle.open(bytes(temp.toString()));
        opened.add(parent::close);
        byte[] name = bytes("source");

        // More reads than the walker has slots for: a slot kept by a read that never started
        // would block the walker before the loop ends.
        for (int i = 0; i < 600; i++) {
            assertThatThrownBy(() -> walker.entry(parent, name, parent.stat(name), name, null))
                    .isInstanceOf(OutOfMemoryError.class);
        }

        assertThat(fileWorkers.attempts.get()).isEqualTo(600);
        assertThatThrownBy(() -> sink.store(random(21, 100), BlobType.DATA))
                .isInstanceOf(BackupFailedException.class).hasMessageContaining("injected");
    }

    private Packer packer(Provider target) {
        Packer packer = new Packer(new ObjectStore(target), KEYRING, new Index(), PACK_TARGET);
        opened.add(packer::close);
        return packer;
    }

    private BlobSink sink(Packer packer, ExecutorService workers) {
        opened.add(workers::shutdownNow);
        BlobSink sink = new BlobSink(KEYRING, new Index(), packer, 0, 2, 1024 * 1024, workers);
        opened.add(sink::close);
        return sink;
    }

    private static ExecutorService workers() {
        return Executors.newFixedThreadPool(2);
    }

    private static byte[] random(long seed, int length) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** An executor that runs nothing; subclasses decide what {@link #execute} does. */
    private abstract static class StubExecutor extends AbstractExecutorService {
        private volatile boolean shutdown;

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }

    /** Throws an {@link OutOfMemoryError} for every task, as a pool that cannot start one. */
    private static final class ThrowingExecutor extends StubExecutor {
        final AtomicInteger attempts = new AtomicInteger();

        @Override
        public void execute(Runnable task) {
            attempts.incrementAndGet();
            throw new OutOfMemoryError("injected");
        }
    }

    /** Accepts every task and never runs it, like a worker that died right after taking it. */
    private static final class LosingExecutor extends StubExecutor {
        @Override
        public void execute(Runnable task) {
        }
    }
}
