package dev.holdfast.storage.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.storage.ObjectInfo;
import dev.holdfast.storage.StorageException;
import dev.holdfast.storage.StorageException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemProviderTest {
    @TempDir
    Path root;

    @Test
    void put_storesFileAtKeyPath() throws Exception {
        FileSystemProvider provider = FileSystemProvider.open("local", root);

        provider.putIfAbsent("data/ab/abcd", bytes("content"));

        assertThat(root.resolve("data/ab/abcd")).hasContent("content");
    }

    @Test
    void newObjectsAndFolders_readableByOwnerOnly() throws Exception {
        Path repository = root.resolve("new/repository");
        FileSystemProvider provider = FileSystemProvider.create("local", repository);

        provider.putIfAbsent("keys/ab12", bytes("key slot"));

        assertThat(mode(repository.resolve("keys/ab12"))).isEqualTo("rw-------");
        assertThat(mode(repository.resolve("keys"))).isEqualTo("rwx------");
        assertThat(mode(repository.resolve(".tmp"))).isEqualTo("rwx------");
        assertThat(mode(repository)).isEqualTo("rwx------");
        assertThat(mode(root.resolve("new"))).isEqualTo("rwx------");
    }

    @Test
    void put_leavesNoTemporaryFile() throws Exception {
        FileSystemProvider provider = FileSystemProvider.open("local", root);

        provider.putIfAbsent("data/ab/abcd", bytes("first"));
        provider.putIfAbsent("data/ab/abcd", bytes("second"));

        assertThat(root.resolve(".tmp")).isEmptyDirectory();
    }

    @Test
    void put_recreatesRemovedTemporaryFolder() throws Exception {
        FileSystemProvider provider = FileSystemProvider.open("local", root);
        Files.delete(root.resolve(".tmp"));

        assertThat(provider.putIfAbsent("data/x", bytes("x"))).isTrue();

        assertThat(provider.get("data/x")).isEqualTo(bytes("x"));
    }

    @Test
    void invalidKey_isRejectedByEveryOperation() throws Exception {
        FileSystemProvider provider = FileSystemProvider.open("local", root);
        record Case(String description, String key, String problem) {
        }
        List<Case> cases = List.of(
                new Case("empty", "", "empty"),
                new Case("absolute", "/etc/passwd", "absolute"),
                new Case("empty segment", "data//x", "empty segment"),
                new Case("trailing slash", "data/", "empty segment"),
                new Case("dot segment", "data/./x", "'.'"),
                new Case("parent segment", "data/../../x", "'..'"),
                new Case("only parent", "..", "'..'"),
                new Case("space", "data/a b", "U+0020"),
                new Case("backslash", "data\\x", "U+005C"),
                new Case("non-ASCII", "data/\u00fc", "U+00FC"),
                new Case("too long", "k".repeat(200) + "/" + "k".repeat(825), "1026 characters"),
                new Case("long segment", "data/" + "s".repeat(256), "256 characters"),
                new Case("temporary folder", ".tmp/x", "reserved"),
                new Case("temporary folder itself", ".tmp", "reserved"));

        for (Case c : cases) {
            List<Runnable> operations = List.of(
                    () -> unchecked(() -> provider.putIfAbsent(c.key(), new byte[1])),
                    () -> unchecked(() -> provider.get(c.key())),
                    () -> unchecked(() -> provider.get(c.key(), 0, 1)),
                    () -> unchecked(() -> provider.stat(c.key())),
                    () -> unchecked(() -> {
                        provider.delete(c.key());
                        return null;
                    }));
            for (Runnable operation : operations) {
                assertThatThrownBy(operation::run).as(c.description())
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(shown(c.key()))
                        .hasMessageContaining(c.problem());
            }
        }
        try (Stream<Path> files = Files.list(root)) {
            assertThat(files).containsExactly(root.resolve(".tmp"));
        }
    }

    @Test
    void longestKey_isAccepted() throws Exception {
        FileSystemProvider provider = FileSystemProvider.open("local", root);
        String key = "a".repeat(255) + "/" + "b".repeat(255) + "/" + "c".repeat(255) + "/"
                + "d".repeat(254) + "/e";
        assertThat(key).hasSize(ObjectKeys.MAX_KEY_LENGTH);

        assertThat(provider.putIfAbsent(key, bytes("long"))).isTrue();

        assertThat(provider.get(key)).isEqualTo(bytes("long"));
    }

    @Test
    void list_invalidPrefix_isRejected() throws Exception {
        FileSystemProvider provider = FileSystemProvider.open("local", root);

        for (String prefix : List.of("/data", "a b", "../x", "data/../x", "x//y")) {
            assertThatThrownBy(() -> provider.list(prefix, info -> { }))
                    .as(prefix)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(prefix);
        }
    }

    @Test
    void list_skipsTemporaryAndForeignFiles() throws Exception {
        FileSystemProvider provider = FileSystemProvider.open("local", root);
        provider.putIfAbsent("data/kept", bytes("kept"));
        Files.writeString(root.resolve(".tmp/unfinished.tmp"), "partial");
        Files.writeString(root.resolve("data/name with space"), "foreign");
        Files.createSymbolicLink(root.resolve("data/link"), root.resolve("data/kept"));

        assertThat(listKeys(provider, "")).containsExactly("data/kept");
        assertThat(listKeys(provider, ".tmp/")).isEmpty();
        assertThat(listKeys(provider, ".")).isEmpty();
        assertThatThrownBy(() -> provider.get("data/link"))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    }

    @Test
    void list_prefixEndingInDot_matchesDotFiles() throws Exception {
        FileSystemProvider provider = FileSystemProvider.open("local", root);
        provider.putIfAbsent("data/.hidden", bytes("h"));
        provider.putIfAbsent("data/visible", bytes("v"));

        assertThat(listKeys(provider, "data/.")).containsExactly("data/.hidden");
    }

    @Test
    void open_rootGivenAsLink_listsObjects() throws Exception {
        Path real = Files.createDirectory(root.resolve("real"));
        Path link = Files.createSymbolicLink(root.resolve("link"), real);
        FileSystemProvider provider = FileSystemProvider.open("local", link);
        provider.putIfAbsent("data/x", bytes("x"));

        assertThat(listKeys(provider, "")).containsExactly("data/x");
        assertThat(provider.root()).isEqualTo(real.toRealPath());
    }

    @Test
    void open_missingRoot_namesPathAndFix() {
        Path missing = root.resolve("no/such/folder");

        assertThatThrownBy(() -> FileSystemProvider.open("local", missing))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(e.getMessage()).contains(missing.toString());
                    assertThat(e.getMessage()).contains("does not exist");
                    assertThat(e.getMessage()).contains("mkdir -p '" + missing + "'");
                });
        assertThat(missing).doesNotExist();
    }

    @Test
    void open_rootIsFile_isPermanentError() throws Exception {
        Path file = Files.writeString(root.resolve("file"), "x");

        assertThatThrownBy(() -> FileSystemProvider.open("local", file))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(e.getMessage()).contains(file.toString(), "not a folder");
                });
    }

    @Test
    void create_makesMissingRoot() throws Exception {
        Path nested = root.resolve("new/repository");

        FileSystemProvider provider = FileSystemProvider.create("local", nested);
        provider.putIfAbsent("data/x", bytes("x"));

        assertThat(nested.resolve("data/x")).hasContent("x");
        assertThat(FileSystemProvider.create("local", nested).get("data/x"))
                .isEqualTo(bytes("x"));
    }

    @Test
    void open_removesOnlyStaleTemporaryFiles() throws Exception {
        FileSystemProvider.open("local", root);
        Path stale = Files.writeString(root.resolve(".tmp/stale.tmp"), "old");
        Path fresh = Files.writeString(root.resolve(".tmp/fresh.tmp"), "new");
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        Files.setLastModifiedTime(stale, FileTime.from(twoHoursAgo));

        FileSystemProvider.open("local", root);

        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
    }

    @Test
    void keyUnderObject_isConflictOrAbsent() throws Exception {
        FileSystemProvider provider = FileSystemProvider.open("local", root);
        provider.putIfAbsent("a/b", bytes("object"));

        assertThatThrownBy(() -> provider.putIfAbsent("a/b/c", bytes("nested")))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(e.getMessage()).contains(root.resolve("a/b") + "\" is a file");
                });
        assertThat(provider.stat("a/b/c")).isEmpty();
        assertThatThrownBy(() -> provider.get("a/b/c"))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
        provider.delete("a/b/c");
        assertThat(provider.get("a/b")).isEqualTo(bytes("object"));
    }

    @Test
    void keyOfFolder_isConflictOrAbsent() throws Exception {
        FileSystemProvider provider = FileSystemProvider.open("local", root);
        provider.putIfAbsent("a/b", bytes("object"));

        assertThatThrownBy(() -> provider.putIfAbsent("a", bytes("folder key")))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(e.getMessage()).contains("is a folder");
                });
        assertThat(provider.stat("a")).isEmpty();
        assertThatThrownBy(() -> provider.get("a"))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
        provider.delete("a");
        assertThat(provider.get("a/b")).isEqualTo(bytes("object"));
    }

    @Test
    void get_negativeRange_isRejected() throws Exception {
        FileSystemProvider provider = FileSystemProvider.open("local", root);
        provider.putIfAbsent("data/x", bytes("x"));

        assertThatThrownBy(() -> provider.get("data/x", -1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> provider.get("data/x", 0, -5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-5");
    }

    @Test
    void stat_reportsFileTime() throws Exception {
        FileSystemProvider provider = FileSystemProvider.open("local", root);
        provider.putIfAbsent("data/x", bytes("12345"));
        Instant modified = Instant.parse("2024-05-01T10:00:00Z");
        Files.setLastModifiedTime(root.resolve("data/x"), FileTime.from(modified));

        ObjectInfo info = provider.stat("data/x").orElseThrow();

        assertThat(info).isEqualTo(new ObjectInfo("data/x", 5, modified));
    }

    private static List<String> listKeys(FileSystemProvider provider, String prefix)
            throws StorageException {
        List<String> keys = new ArrayList<>();
        provider.list(prefix, info -> keys.add(info.key()));
        return keys;
    }

    private static String shown(String key) {
        return key.length() > 100 ? key.substring(0, 100) : key;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private interface IoCall {
        Object run() throws IOException;
    }

    private static Object unchecked(IoCall call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new AssertionError("expected IllegalArgumentException, got " + e, e);
        }
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
