package dev.holdfast.repository.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.repository.BackupSummary;
import dev.holdfast.repository.Progress;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.SnapshotInfo;
import dev.holdfast.repository.StreamBackupRequest;
import dev.holdfast.repository.StreamFile;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backups of byte streams, the way database dumps are stored. */
class StreamBackupTest {
    private static final String LABEL = "postgresql:orders";

    @TempDir
    Path temp;

    @Test
    void streams_restoredByteForByte() throws Exception {
        byte[] dump = random(5 << 20, 1);
        byte[] globals = "CREATE ROLE app;\n".getBytes(StandardCharsets.UTF_8);
        try (Repository repository = TestRepositories.create(temp.resolve("repo"),
                TestRepositories.LARGE_CHUNKS)) {
            BackupSummary summary = repository.backup(request(file("globals.sql", globals),
                    file("orders/dump.custom", dump), file("orders/tables.json", globals),
                    file("empty", new byte[0])), Progress.NONE);

            String id = summary.snapshotId();
            assertThat(read(repository, id, "/orders/orders/dump.custom")).isEqualTo(dump);
            assertThat(read(repository, id, "/orders/orders/tables.json")).isEqualTo(globals);
            assertThat(read(repository, id, "/orders/globals.sql")).isEqualTo(globals);
            assertThat(read(repository, id, "/orders/empty")).isEmpty();
            SnapshotInfo info = repository.snapshot(id);
            assertThat(info.paths()).containsExactly(LABEL);
            assertThat(info.files()).isEqualTo(4);
            assertThat(info.bytes()).isEqualTo(dump.length + 2L * globals.length);
            assertThat(repository.check(true, Progress.NONE).problems()).isEmpty();

            Path target = temp.resolve("restored");
            TestRepositories.restore(repository, id, target);
            Path restored = target.resolve("orders/orders/dump.custom");
            assertThat(Files.readAllBytes(restored)).isEqualTo(dump);
            assertThat(Files.getPosixFilePermissions(restored)).hasSize(2);
        }
    }

    @Test
    void secondStream_withSmallChange_addsLittleAndRecordsParent() throws Exception {
        byte[] first = random(16 << 20, 2);
        byte[] second = first.clone();
        System.arraycopy(random(4096, 3), 0, second, 8 << 20, 4096);
        try (Repository repository = TestRepositories.create(temp.resolve("repo"),
                TestRepositories.LARGE_CHUNKS)) {
            BackupSummary one = repository.backup(request(file("orders.pgdump", first)),
                    Progress.NONE);
            BackupSummary two = repository.backup(request(file("orders.pgdump", second)),
                    Progress.NONE);

            assertThat(two.bytesAdded()).isLessThan(first.length / 8);
            assertThat(repository.snapshot(two.snapshotId()).parent())
                    .isEqualTo(one.snapshotId());
            assertThat(read(repository, two.snapshotId(), "/orders/orders.pgdump"))
                    .isEqualTo(second);
        }
    }

    @Test
    void producerFailingAtClose_writesNoSnapshot() throws Exception {
        AtomicInteger closed = new AtomicInteger();
        StreamFile failing = new StreamFile() {
            @Override
            public String name() {
                return "orders.pgdump";
            }

            @Override
            public InputStream open() {
                return new FilterInputStream(new ByteArrayInputStream(random(1 << 20, 4))) {
                    @Override
                    public void close() throws IOException {
                        closed.incrementAndGet();
                        throw new IOException("pg_dump exited with status 1");
                    }
                };
            }
        };
        try (Repository repository = TestRepositories.create(temp.resolve("repo"),
                TestRepositories.LARGE_CHUNKS)) {
            assertThatThrownBy(() -> repository.backup(request(failing), Progress.NONE))
                    .isInstanceOf(RepositoryException.class)
                    .hasMessageContaining("no snapshot was written")
                    .hasMessageContaining("/orders/orders.pgdump: pg_dump exited with status 1");

            assertThat(closed).hasValue(1);
            assertThat(repository.snapshots()).isEmpty();
            assertThat(repository.check(false, Progress.NONE).problems()).isEmpty();
        }
    }

    @Test
    void invalidOrDuplicateNames_rejectedBeforeAnyStreamOpens() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        try (Repository repository = TestRepositories.create(temp.resolve("repo"),
                TestRepositories.SMALL_CHUNKS)) {
            assertThatThrownBy(() -> repository.backup(request(counting("a", opened),
                    counting("a", opened)), Progress.NONE))
                    .hasMessageContaining("share the name \"a\"");
            assertThatThrownBy(() -> repository.backup(request(counting("x//y", opened)),
                    Progress.NONE)).hasMessageContaining("invalid stream name \"x//y\"");
            assertThatThrownBy(() -> repository.backup(request(counting("x/../y", opened)),
                    Progress.NONE)).hasMessageContaining("invalid stream name \"x/../y\"");
            assertThatThrownBy(() -> repository.backup(request(counting("x/y", opened),
                    counting("x", opened)), Progress.NONE))
                    .hasMessageContaining("stream \"x\" of \"" + LABEL + "\" is also the folder");
            assertThatThrownBy(() -> repository.backup(new StreamBackupRequest(LABEL, "..",
                    TestRepositories.HOST, List.of(), List.of(counting("a", opened))),
                    Progress.NONE)).hasMessageContaining("invalid folder name \"..\"");
            assertThat(opened).hasValue(0);
        }
    }

    private static StreamBackupRequest request(StreamFile... files) {
        return new StreamBackupRequest(LABEL, "orders", TestRepositories.HOST, List.of("db"),
                List.of(files));
    }

    private static StreamFile file(String name, byte[] content) {
        return new StreamFile() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(content);
            }
        };
    }

    private static StreamFile counting(String name, AtomicInteger opened) {
        return new StreamFile() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public InputStream open() {
                opened.incrementAndGet();
                return InputStream.nullInputStream();
            }
        };
    }

    private static byte[] read(Repository repository, String id, String path) throws Exception {
        try (InputStream in = repository.openFile(id, path.getBytes(StandardCharsets.UTF_8))) {
            return in.readAllBytes();
        }
    }

    private static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
