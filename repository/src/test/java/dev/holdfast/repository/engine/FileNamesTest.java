package dev.holdfast.repository.engine;

import static dev.holdfast.repository.engine.TestRepositories.backup;
import static dev.holdfast.repository.engine.TestRepositories.bytes;
import static dev.holdfast.repository.engine.TestRepositories.create;
import static dev.holdfast.repository.engine.TestRepositories.restore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.repository.BackupSummary;
import dev.holdfast.repository.Entry;
import dev.holdfast.repository.PathNames;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RestoreSummary;
import dev.holdfast.repository.posix.DirHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * File names are bytes: names that no charset decodes (0xFE and 0xFF, and other sequences that
 * are not valid UTF-8) must stay distinct, list reversibly and restore unchanged, under a UTF-8
 * locale and under the C locale.
 */
class FileNamesTest {
    /** Each name is one case: lone bytes, a bad continuation, a surrogate, an overlong '/'. */
    private static final List<byte[]> NAMES = List.of(
            new byte[] {(byte) 0xfe},
            new byte[] {(byte) 0xff},
            new byte[] {(byte) 0xc3},
            new byte[] {(byte) 0xc3, '('},
            new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
            new byte[] {(byte) 0xc0, (byte) 0xaf},
            new byte[] {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            bytes("looks escaped \\xfe"),
            bytes("caf\u00e9"));

    @TempDir
    Path temp;

    @Test
    void undecodableNames_listedAndRestoredAsBytes() throws Exception {
        Path source = makeSource();
        try (Repository repository = create(temp.resolve("repo"), TestRepositories.SMALL_CHUNKS)) {
            BackupSummary backup = backup(repository, source);
            assertThat(backup.warnings()).isEmpty();

            List<Entry> entries = new ArrayList<>();
            repository.walk(backup.snapshotId(), bytes("/src"), entries::add);
            List<String> listed = entries.subList(1, entries.size()).stream()
                    .map(Entry::displayPath).toList();
            assertThat(listed).doesNotHaveDuplicates().hasSize(NAMES.size());
            for (String display : listed) {
                byte[] parsed = PathNames.parse(display);
                assertThat(PathNames.display(parsed)).isEqualTo(display);
                try (var content = repository.openFile(backup.snapshotId(), parsed)) {
                    assertThat(content.readAllBytes()).isEmpty();
                }
            }
            assertThat(hex(entries.subList(1, entries.size()).stream().map(Entry::path).toList()))
                    .containsExactlyInAnyOrderElementsOf(hex(NAMES.stream()
                            .map(name -> TestRepositories.join(bytes("src"), name)).toList()));

            RestoreSummary restored = restore(repository, backup.snapshotId(),
                    temp.resolve("restore"));
            assertThat(restored.failed()).isEmpty();
            assertThat(namesIn(temp.resolve("restore/src")))
                    .containsExactlyInAnyOrderElementsOf(hex(NAMES));
        }
    }

    @ParameterizedTest(name = "LC_ALL={0}")
    @CsvSource({"C, ANSI_X3.4-1968", "C.UTF-8, UTF-8"})
    void undecodableNames_restoredUnderLocale(String locale, String charset)
            throws Exception {
        Path source = makeSource();
        Path repositoryFolder = temp.resolve("repo");
        create(repositoryFolder, TestRepositories.SMALL_CHUNKS).close();
        Path output = temp.resolve("child.txt");
        ProcessBuilder child = ChildJvm.engineChild(output, "backup-restore",
                repositoryFolder.toString(), source.toString(), temp.resolve("restore").toString());
        child.environment().keySet()
                .removeIf(name -> name.startsWith("LC_") || name.equals("LANG"));
        child.environment().put("LC_ALL", locale);

        Process process = child.start();
        boolean finished = process.waitFor(2, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }

        String printed = ChildJvm.output(output);
        assertThat(finished).as("child finished; it printed:%n%s", printed).isTrue();
        assertThat(process.exitValue()).as("exit status; child printed:%n%s", printed).isZero();
        assertThat(printed).contains("sun.jnu.encoding=" + charset + "\n", "warnings=[]",
                "failed=[]");
        for (byte[] name : NAMES) {
            String display = PathNames.display(TestRepositories.join(bytes("src"), name));
            assertThat(printed).contains("entry=" + display + "\n");
        }
        assertThat(namesIn(temp.resolve("restore/src")))
                .containsExactlyInAnyOrderElementsOf(hex(NAMES));
    }

    private Path makeSource() throws Exception {
        Path source = temp.resolve("src");
        Files.createDirectory(source);
        try (DirHandle dir = Trees.open(source)) {
            for (byte[] name : NAMES) {
                Trees.write(dir, name, new byte[0]);
            }
        }
        return source;
    }

    private static List<String> namesIn(Path folder) throws Exception {
        try (DirHandle dir = Trees.open(folder)) {
            return hex(dir.list());
        }
    }

    /** Hex forms, so that a failed comparison shows the bytes and compares them by value. */
    private static List<String> hex(List<byte[]> names) {
        return names.stream().map(HexFormat.of()::formatHex).toList();
    }
}
