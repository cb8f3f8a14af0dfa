package dev.holdfast.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every command against a real repository in a temporary folder, in-process through
 * picocli, the way an operator uses holdfast. It covers init, backup, list, restore, dump,
 * check and key management, and the errors of a wrong passphrase or a non-empty target.
 */
class CliEndToEndTest {
    private static final String PASSPHRASE = "correct horse battery staple";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private Path data;
    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        data = Files.createDirectories(folder.resolve("data"));
        generateTree(data);
        Files.writeString(folder.resolve("holdfast.yaml"), """
                repository:
                  providers: [local]
                  chunker: { min: 64KiB, average: 128KiB, max: 512KiB }
                  pack-size: 4MiB
                  compression: 3
                providers:
                  - name: local
                    driver: filesystem
                    path: ./repo
                sources:
                  - name: sample
                    paths: [data]
                    exclude: ["*.tmp"]
                """);
        cli = new CliRunner(folder).env("HOLDFAST_PASSPHRASE", PASSPHRASE);
    }

    @Test
    void fullCycle_roundTripsTheTree() throws Exception {
        assertSuccess(cli.run("init", "--label", "first"));
        CliRunner.Result backup = cli.run("backup", "--host", "testhost", "--tag", "e2e");
        assertSuccess(backup);
        assertThat(backup.stdout()).contains("snapshot ", " saved", "files:");

        JsonNode snapshots = json(cli.run("snapshots", "--json"));
        assertThat(snapshots.size()).isEqualTo(1);
        JsonNode snapshot = snapshots.get(0);
        assertThat(snapshot.get("host").asText()).isEqualTo("testhost");
        assertThat(snapshot.get("tags").get(0).asText()).isEqualTo("e2e");
        assertThat(snapshot.get("files").asLong()).isEqualTo(expectedFiles().size());
        String id = snapshot.get("id").asText();

        String dataPath = snapshotPathOf(id, "data");
        List<String> listed = cli.run("ls", id, dataPath).stdout().lines().toList();
        assertThat(listed).contains(dataPath, dataPath + "/a.txt", dataPath + "/sub/deep.bin",
                dataPath + "/link");
        assertThat(listed).noneMatch(line -> line.endsWith(".tmp"));
        assertThat(cli.run("ls", "-l", id, dataPath + "/a.txt").stdout())
                .startsWith("-rw-r-----");

        CliRunner.Result restore = cli.run("restore", id, "--target", "restored");
        assertSuccess(restore);
        assertThat(restore.stdout()).isEqualTo("restored 5 files (1.4 MiB written), 3 folders "
                + "and 1 other entry into " + folder.resolve("restored") + "\n");
        Path restored = restoredFolder(folder.resolve("restored"), dataPath);
        assertThat(tree(restored)).usingRecursiveComparison().isEqualTo(tree(data));

        CliRunner.Result file = cli.run("dump", id, dataPath + "/sub/deep.bin");
        assertSuccess(file);
        assertThat(file.stdoutBytes()).isEqualTo(Files.readAllBytes(data.resolve("sub/deep.bin")));
        CliRunner.Result verbose = cli.run("--verbose", "dump", id, dataPath + "/sub/deep.bin");
        assertSuccess(verbose);
        assertThat(verbose.stdoutBytes())
                .isEqualTo(Files.readAllBytes(data.resolve("sub/deep.bin")));
        assertThat(verbose.stderr()).contains("opened repository");

        assertTarMatches(cli.run("dump", id, dataPath, "--archive", "tar"));

        assertSuccess(cli.run("check"));
        assertSuccess(cli.run("check", "--read-data"));
    }

    @Test
    void secondBackup_readsOnlyWhatChanged() throws Exception {
        assertSuccess(cli.run("init"));
        assertSuccess(cli.run("backup", "--host", "testhost"));
        Files.writeString(data.resolve("a.txt"), "changed content\n");

        JsonNode summary = json(cli.run("backup", "--host", "testhost", "--json"));

        assertThat(summary.get("files_changed").asLong()).isEqualTo(1);
        assertThat(summary.get("files_unchanged").asLong()).isEqualTo(expectedFiles().size() - 1);
        assertThat(json(cli.run("snapshots", "--json")).size()).isEqualTo(2);
    }

    @Test
    void excludes_matchAbsoluteAndSnapshotPaths() throws Exception {
        assertSuccess(cli.run("init"));

        assertSuccess(cli.run("backup", "data", "--exclude", data.resolve("sub") + "/**",
                "--exclude", "**/data/a.txt", "--exclude", "data/empty"));

        List<String> listed = cli.run("ls", "latest").stdout().lines().toList();
        assertThat(listed).contains("/data/sub", "/data/link")
                .doesNotContain("/data/sub/deep.bin", "/data/sub/nested", "/data/a.txt",
                        "/data/empty");
    }

    @Test
    void keyAddListRemove_controlsWhichPassphrasesOpen() throws Exception {
        assertSuccess(cli.run("init", "--label", "first"));
        CliRunner.Result added = cli.env("HOLDFAST_NEW_PASSPHRASE", "second passphrase")
                .run("key", "add", "--label", "second", "--json");
        assertSuccess(added);
        String secondId = json(added).get("id").asText();

        JsonNode slots = json(cli.run("key", "list", "--json"));
        assertThat(slots.size()).isEqualTo(2);
        assertThat(labels(slots)).containsExactlyInAnyOrder("first", "second");
        CliRunner second = new CliRunner(folder).env("HOLDFAST_PASSPHRASE", "second passphrase");
        assertSuccess(second.run("snapshots"));

        JsonNode removed = json(cli.run("key", "remove", secondId, "--json"));
        assertThat(removed.get("id").asText()).isEqualTo(secondId);
        assertThat(removed.get("removed").asBoolean()).isTrue();
        assertThat(json(cli.run("key", "list", "--json")).size()).isEqualTo(1);
        assertThat(second.run("snapshots").exitCode()).isEqualTo(ExitCodes.WRONG_PASSPHRASE);
    }

    @Test
    void wrongPassphrase_exitsWithTwelve() throws Exception {
        assertSuccess(cli.run("init"));

        CliRunner.Result result = new CliRunner(folder).env("HOLDFAST_PASSPHRASE", "wrong")
                .run("snapshots");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.WRONG_PASSPHRASE);
        assertThat(result.stderr()).startsWith("holdfast: ").doesNotContain("wrong\n", "\tat ");
        assertThat(result.stderr().lines()).hasSize(1);
    }

    @Test
    void restoreIntoNonEmptyTarget_needsOverwrite() throws Exception {
        assertSuccess(cli.run("init"));
        assertSuccess(cli.run("backup", "--host", "testhost"));
        Files.createDirectories(folder.resolve("busy"));
        Files.writeString(folder.resolve("busy/keep.txt"), "keep");

        CliRunner.Result refused = cli.run("restore", "latest", "--target", "busy");
        CliRunner.Result forced = cli.run("restore", "latest", "--target", "busy", "--overwrite");

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(refused.stderr()).contains("is not empty", "--overwrite");
        assertSuccess(forced);
        assertThat(folder.resolve("busy/keep.txt")).hasContent("keep");
    }

    @Test
    void restoreOfDamagedPack_exitsWithThirteen() throws Exception {
        assertSuccess(cli.run("init"));
        assertSuccess(cli.run("backup", "data"));
        flipByteInLargestPack();

        CliRunner.Result result = cli.run("restore", "latest", "--target", "restored");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.DAMAGED_DATA);
        assertThat(result.stderr().lines().filter(line -> line.contains("/data/sub/deep.bin")))
                .singleElement().asString().startsWith("warning: /data/sub/deep.bin: not restored: ");
        assertThat(result.stderr()).contains("2 paths could not be restored completely, 2 of "
                + "them because repository data is damaged or missing");
        assertThat(result.stdout()).contains("restored 4 files (37 B written)");
    }

    @Test
    void checkOfDamagedSnapshot_namesItOnce() throws Exception {
        assertSuccess(cli.run("init"));
        assertSuccess(cli.run("backup", "data"));
        Path snapshot;
        try (Stream<Path> files = Files.list(folder.resolve("repo/snapshots"))) {
            snapshot = files.findFirst().orElseThrow();
        }
        byte[] sealed = Files.readAllBytes(snapshot);
        sealed[sealed.length / 2] ^= 1;
        Files.write(snapshot, sealed);

        CliRunner.Result result = cli.run("check");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.DAMAGED_DATA);
        String key = "snapshots/" + snapshot.getFileName();
        assertThat(result.stdout().lines().filter(line -> line.startsWith("damaged: ")))
                .singleElement().satisfies(line -> assertThat(line.split(key, -1)).hasSize(2));
    }

    @Test
    void unlockJson_countsRemovedLocks() throws Exception {
        assertSuccess(cli.run("init"));

        JsonNode unlocked = json(cli.run("unlock", "--remove-all", "--json"));

        assertThat(unlocked.get("removed").asInt()).isZero();
    }

    @Test
    void interruptedCommand_exitsWith130() throws Exception {
        assertSuccess(cli.run("init"));

        CliRunner.Result result;
        Thread.currentThread().interrupt();
        try {
            result = cli.run("check");
        } finally {
            Thread.interrupted();
        }

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(result.stderr()).startsWith("holdfast: ").contains("interrupted")
                .doesNotContain("Exception");
        assertThat(result.stderr().lines()).hasSize(1);
    }

    @Test
    void secondInit_isRejected() {
        assertSuccess(cli.run("init"));

        CliRunner.Result again = cli.run("init");

        assertThat(again.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(again.stderr().lines()).hasSize(1);
    }

    /** Damages the largest pack, which holds file content, since trees are small. */
    private void flipByteInLargestPack() throws IOException {
        Path largest;
        try (Stream<Path> files = Files.walk(folder.resolve("repo/data"))) {
            largest = files.filter(Files::isRegularFile)
                    .max(Comparator.comparingLong(CliEndToEndTest::size)).orElseThrow();
        }
        byte[] pack = Files.readAllBytes(largest);
        pack[pack.length / 2] ^= 1;
        Files.write(largest, pack);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertTarMatches(CliRunner.Result result) throws IOException {
        assertSuccess(result);
        Map<String, TarArchiveEntry> entries = new TreeMap<>();
        Map<String, byte[]> contents = new TreeMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new ByteArrayInputStream(result.stdoutBytes()))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                entries.put(e.getName(), e);
                contents.put(e.getName(), tar.readAllBytes());
            }
        }
        for (Map.Entry<String, byte[]> expected : tree(data).entrySet()) {
            if (entries.get("data/" + expected.getKey()).isSymbolicLink()) {
                continue; // a link has no content in a tar; its target is checked below
            }
            assertThat(contents.get("data/" + expected.getKey())).as(expected.getKey())
                    .isEqualTo(expected.getValue());
        }
        assertThat(entries.get("data/a.txt").getMode() & 0777).isEqualTo(0640);
        assertThat(entries.get("data/link").isSymbolicLink()).isTrue();
        assertThat(entries.get("data/link").getLinkName()).isEqualTo("a.txt");
        assertThat(entries.get("data/sub/").isDirectory()).isTrue();
    }

    /** Finds the path under which the snapshot stores the folder named {@code name}. */
    private String snapshotPathOf(String id, String name) throws IOException {
        CliRunner.Result listing = cli.run("ls", id, "--json");
        assertSuccess(listing);
        for (String line : listing.stdout().lines().toList()) {
            JsonNode entry = JSON.readTree(line);
            if (entry.get("type").asText().equals("dir")
                    && entry.get("path").asText().endsWith("/" + name)) {
                return entry.get("path").asText();
            }
        }
        throw new AssertionError("no folder " + name + " in " + listing.stdout());
    }

    /**
     * Returns where the restore put the data folder: below the target at its full snapshot
     * path, or, should the engine shorten paths, the only restored folder named like it.
     */
    private static Path restoredFolder(Path target, String snapshotPath) throws IOException {
        Path full = target.resolve(snapshotPath.substring(1));
        if (Files.isDirectory(full)) {
            return full;
        }
        String name = Path.of(snapshotPath).getFileName().toString();
        try (Stream<Path> paths = Files.walk(target)) {
            return paths.filter(p -> p.getFileName().toString().equals(name)
                    && Files.exists(p.resolve("a.txt"))).findFirst()
                    .orElseThrow(() -> new AssertionError("restored tree not found in " + target));
        }
    }

    private static void generateTree(Path root) throws IOException {
        Random random = new Random(42);
        Files.writeString(root.resolve("a.txt"), "hello holdfast\n");
        Files.setPosixFilePermissions(root.resolve("a.txt"),
                PosixFilePermissions.fromString("rw-r-----"));
        Files.write(root.resolve("empty"), new byte[0]);
        Files.writeString(root.resolve("skip.tmp"), "excluded");
        Files.createDirectories(root.resolve("sub/nested"));
        byte[] large = new byte[700 * 1024];
        random.nextBytes(large);
        Files.write(root.resolve("sub/deep.bin"), large);
        Files.write(root.resolve("sub/nested/twice.bin"), large);
        Files.writeString(root.resolve("sub/nested/ünïcode name.txt"), "names survive\n");
        Files.createSymbolicLink(root.resolve("link"), Path.of("a.txt"));
    }

    private List<String> expectedFiles() throws IOException {
        return tree(data).keySet().stream().filter(name -> !name.endsWith("/")
                && !name.equals("link")).toList();
    }

    /** Maps each relative path to its bytes (a link to its target, a folder to nothing). */
    private static Map<String, byte[]> tree(Path root) throws IOException {
        Map<String, byte[]> tree = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(p -> !p.equals(root)).toList()) {
                String name = root.relativize(path).toString();
                if (name.endsWith(".tmp")) {
                    continue;
                }
                if (Files.isSymbolicLink(path)) {
                    tree.put(name, Files.readSymbolicLink(path).toString().getBytes());
                } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    tree.put(name + "/", new byte[0]);
                } else {
                    tree.put(name, Files.readAllBytes(path));
                }
            }
        }
        return tree;
    }

    private static List<String> labels(JsonNode slots) {
        List<String> labels = new ArrayList<>();
        slots.forEach(slot -> labels.add(slot.get("label").asText()));
        return labels;
    }

    private static JsonNode json(CliRunner.Result result) throws IOException {
        assertSuccess(result);
        return JSON.readTree(result.stdout());
    }

    private static void assertSuccess(CliRunner.Result result) {
        assertThat(result.exitCode()).as("exit status; stderr: %s", result.stderr())
                .isEqualTo(ExitCodes.SUCCESS);
    }
}
