package dev.holdfast.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.storage.filesystem.FileSystemProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadOnlyProviderTest {
    @TempDir
    Path root;

    private FileSystemProvider writable;
    private ReadOnlyProvider readOnly;

    @BeforeEach
    void setUp() throws Exception {
        writable = FileSystemProvider.open("archive", root);
        writable.putIfAbsent("data/x", new byte[] {1, 2, 3});
        readOnly = new ReadOnlyProvider(writable);
    }

    @Test
    void put_isRejectedAsPermanent() {
        assertThatThrownBy(() -> readOnly.putIfAbsent("data/y", new byte[1]))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StorageException.Kind.PERMANENT);
                    assertThat(e.getMessage()).startsWith("provider \"archive\": put \"data/y\"");
                    assertThat(e.getMessage()).contains("read-only");
                });
    }

    @Test
    void putWithLength_isRejectedAndStoresNothing() throws Exception {
        assertThatThrownBy(() -> readOnly.putIfAbsent("data/z", new byte[8], 4))
                .isInstanceOfSatisfying(StorageException.class, e ->
                        assertThat(e.kind()).isEqualTo(StorageException.Kind.PERMANENT));

        assertThat(writable.stat("data/z")).isEmpty();
    }

    @Test
    void put_storesNothing() throws Exception {
        assertThatThrownBy(() -> readOnly.putIfAbsent("data/y", new byte[1]))
                .isInstanceOf(StorageException.class);

        assertThat(writable.stat("data/y")).isEmpty();
    }

    @Test
    void delete_isRejectedAndKeepsObject() throws Exception {
        assertThatThrownBy(() -> readOnly.delete("data/x"))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StorageException.Kind.PERMANENT);
                    assertThat(e.getMessage()).contains("read-only");
                });

        assertThat(writable.get("data/x")).containsExactly(1, 2, 3);
    }

    @Test
    void reads_passThrough() throws Exception {
        List<String> keys = new ArrayList<>();
        readOnly.list("", info -> keys.add(info.key()));

        assertThat(readOnly.name()).isEqualTo("archive");
        assertThat(readOnly.get("data/x")).containsExactly(1, 2, 3);
        assertThat(readOnly.get("data/x", 1, 5)).containsExactly(2, 3);
        assertThat(readOnly.stat("data/x")).isPresent();
        assertThat(keys).containsExactly("data/x");
    }
}
