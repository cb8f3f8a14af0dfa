package dev.holdfast.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.repository.Entry;
import dev.holdfast.repository.EntryType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.Test;

class ArchiveWriterTest {
    private static final Instant TIME = Instant.parse("2025-01-02T03:04:05.123456789Z");
    private static final byte[] LATIN1_NAME = {'g', '/', 'c', 'a', 'f', (byte) 0xe9};
    private static final String LONG_NAME = "g/" + "x".repeat(150) + ".txt";

    private final List<String> warnings = new ArrayList<>();
    private final Map<String, byte[]> contents = new LinkedHashMap<>();

    @Test
    void tar_keepsEntryMetadata() throws Exception {
        byte[] archive = write(ArchiveWriter.Format.TAR);

        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        Map<String, byte[]> data = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new ByteArrayInputStream(archive), "ISO-8859-1")) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                entries.put(e.getName(), e);
                data.put(e.getName(), tar.readAllBytes());
            }
        }

        assertThat(entries.keySet()).containsExactly("g/", "g/a.txt", "g/link", latin1(),
                LONG_NAME, "g/pipe");
        assertThat(entries.get("g/").isDirectory()).isTrue();
        assertThat(entries.get("g/").getMode() & 07777).isEqualTo(0755);
        TarArchiveEntry file = entries.get("g/a.txt");
        assertThat(file.getMode() & 07777).isEqualTo(04640);
        assertThat(file.getLastModifiedTime().toInstant())
                .isEqualTo(Instant.parse("2025-01-02T03:04:05.1234567Z"));
        assertThat(file.getUserName()).isEqualTo("alice");
        assertThat(file.getLongUserId()).isEqualTo(1000);
        assertThat(file.getLongGroupId()).isEqualTo(100);
        assertThat(data.get("g/a.txt")).isEqualTo(contents.get("g/a.txt"));
        assertThat(entries.get("g/link").isSymbolicLink()).isTrue();
        assertThat(entries.get("g/link").getLinkName()).isEqualTo("a.txt");
        assertThat(data.get(latin1())).isEqualTo(contents.get(latin1()));
        assertThat(data.get(LONG_NAME)).isEqualTo(contents.get(LONG_NAME));
        assertThat(entries.get("g/pipe").isFIFO()).isTrue();
        assertThat(warnings).containsExactly("skipped /src/g/tty: a tar archive cannot hold a "
                + "chardev without its device numbers");
    }

    @Test
    void zip_keepsModesAndSymlinks() throws Exception {
        byte[] archive = write(ArchiveWriter.Format.ZIP);

        Map<String, ZipArchiveEntry> entries = new LinkedHashMap<>();
        Map<String, byte[]> data = new LinkedHashMap<>();
        try (ZipFile zip = ZipFile.builder()
                .setSeekableByteChannel(new SeekableInMemoryByteChannel(archive)).get()) {
            for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
                entries.put(e.getName(), e);
                try (InputStream in = zip.getInputStream(e)) {
                    data.put(e.getName(), in.readAllBytes());
                }
            }
        }

        assertThat(entries.keySet()).containsExactly("g/", "g/a.txt", "g/link", "g/caf\\xe9",
                LONG_NAME);
        assertThat(entries.get("g/").isDirectory()).isTrue();
        assertThat(entries.get("g/a.txt").getUnixMode() & 07777).isEqualTo(04640);
        assertThat(entries.get("g/a.txt").getLastModifiedTime().toInstant().getEpochSecond())
                .isEqualTo(TIME.getEpochSecond());
        assertThat(data.get("g/a.txt")).isEqualTo(contents.get("g/a.txt"));
        assertThat(entries.get("g/link").isUnixSymlink()).isTrue();
        assertThat(data.get("g/link")).isEqualTo("a.txt".getBytes(StandardCharsets.UTF_8));
        assertThat(warnings).containsExactly(
                "skipped /src/g/pipe: a zip archive cannot hold a fifo",
                "skipped /src/g/tty: a zip archive cannot hold a chardev");
    }

    private byte[] write(ArchiveWriter.Format format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ArchiveWriter writer = ArchiveWriter.open(format, out, warnings::add);
        add(writer, entry("g", EntryType.DIRECTORY, 0755, 0, null), null);
        add(writer, entry("g/a.txt", EntryType.FILE, 04640, 11, null), "hello world");
        add(writer, entry("g/link", EntryType.SYMLINK, 0777, 0, "a.txt"), null);
        Entry latin1 = new Entry(withPrefix(LATIN1_NAME), EntryType.FILE, 0600, 3, TIME, 1000,
                100, "alice", "users", null, 1);
        contents.put(latin1(), new byte[] {1, 2, 3});
        writer.add(latin1, LATIN1_NAME, () -> new ByteArrayInputStream(new byte[] {1, 2, 3}));
        add(writer, entry(LONG_NAME, EntryType.FILE, 0644, 4, null), "long");
        add(writer, entry("g/pipe", EntryType.FIFO, 0600, 0, null), null);
        add(writer, entry("g/tty", EntryType.CHAR_DEVICE, 0620, 0, null), null);
        writer.finish();
        return out.toByteArray();
    }

    private void add(ArchiveWriter writer, Entry entry, String content) throws Exception {
        String name = new String(entry.path(), StandardCharsets.UTF_8).substring("/src/".length());
        byte[] bytes = content == null ? new byte[0] : content.getBytes(StandardCharsets.UTF_8);
        if (content != null) {
            contents.put(name, bytes);
        }
        writer.add(entry, name.getBytes(StandardCharsets.UTF_8),
                () -> new ByteArrayInputStream(bytes));
    }

    private static Entry entry(String name, EntryType type, int mode, long size, String target) {
        byte[] path = ("/src/" + name).getBytes(StandardCharsets.UTF_8);
        byte[] link = target == null ? null : target.getBytes(StandardCharsets.UTF_8);
        return new Entry(path, type, mode, size, TIME, 1000, 100, "alice", "users", link, 1);
    }

    private static byte[] withPrefix(byte[] name) {
        byte[] prefix = "/src/".getBytes(StandardCharsets.UTF_8);
        byte[] path = new byte[prefix.length + name.length];
        System.arraycopy(prefix, 0, path, 0, prefix.length);
        System.arraycopy(name, 0, path, prefix.length, name.length);
        return path;
    }

    private static String latin1() {
        return new String(LATIN1_NAME, StandardCharsets.ISO_8859_1);
    }
}
