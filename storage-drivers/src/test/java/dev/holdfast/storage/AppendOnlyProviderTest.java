package dev.holdfast.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.storage.filesystem.FileSystemProvider;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendOnlyProviderTest {
    @TempDir
    Path root;

    private FileSystemProvider driver;
    private AppendOnlyProvider appendOnly;

    @BeforeEach
    void setUp() throws Exception {
        driver = FileSystemProvider.open("backup-host", root);
        driver.putIfAbsent("data/x", new byte[] {1, 2, 3});
        driver.putIfAbsent("locks/l", new byte[] {4});
        appendOnly = new AppendOnlyProvider(driver, "locks/");
    }

    @Test
    void delete_outsideLocks_permanentNamingProvider() {
        assertThatThrownBy(() -> appendOnly.delete("data/x"))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StorageException.Kind.PERMANENT);
                    assertThat(e.getMessage()).startsWith(
                            "provider \"backup-host\": delete \"data/x\"");
                    assertThat(e.getMessage()).contains("append-only");
                });
    }

    @Test
    void delete_outsideLocks_keepsObject() throws Exception {
        assertThatThrownBy(() -> appendOnly.delete("data/x"))
                .isInstanceOf(StorageException.class);

        assertThat(driver.get("data/x")).containsExactly(1, 2, 3);
    }

    @Test
    void delete_underLocks_passesThrough() throws Exception {
        appendOnly.delete("locks/l");

        assertThat(driver.stat("locks/l")).isEmpty();
    }

    @Test
    void putsAndReads_passThrough() throws Exception {
        assertThat(appendOnly.putIfAbsent("data/y", new byte[] {5})).isTrue();

        assertThat(appendOnly.get("data/y")).containsExactly(5);
        assertThat(appendOnly.stat("data/x")).isPresent();
    }

    @Test
    void putWithLength_storesThatPrefix() throws Exception {
        assertThat(appendOnly.putIfAbsent("data/z", new byte[] {7, 8, 9}, 2)).isTrue();

        assertThat(appendOnly.get("data/z")).containsExactly(7, 8);
    }

    @Test
    void appendOnly_reportedThroughDecorators() {
        Provider decorated = new LoggingProvider(appendOnly);

        assertThat(appendOnly.appendOnly()).isTrue();
        assertThat(driver.appendOnly()).isFalse();
        assertThat(new ReadOnlyProvider(appendOnly).appendOnly()).isTrue();
        assertThat(decorated.appendOnly()).isTrue();
    }

    @Test
    void emptyPrefix_rejected() {
        assertThatThrownBy(() -> new AppendOnlyProvider(driver, ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
