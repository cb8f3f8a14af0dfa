package dev.holdfast.restoretester;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.restoretester.environment.TemporaryDirectory;
import dev.holdfast.restoretester.report.Check;
import dev.holdfast.restoretester.report.CheckStatus;
import dev.holdfast.restoretester.report.RestoreTestReport;
import dev.holdfast.restoretester.report.SnapshotTest;
import dev.holdfast.restoretester.report.SourceReport;
import dev.holdfast.restoretester.report.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs restore tests of folder snapshots into real temporary directories. */
class RestoreTestTest {
    private static final Instant NOW = Instant.parse("2025-03-01T04:30:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final List<TestSource> DOCS = List.of(TestSource.files("docs"));

    @TempDir
    Path folder;
    private Path volume;
    private Path state;
    private FolderRestorer restorer;

    @BeforeEach
    void snapshots() throws IOException {
        volume = folder.resolve("volume");
        state = folder.resolve("state");
        restorer = new FolderRestorer();
        for (int i = 1; i <= 5; i++) {
            restorer.add("snapshot-" + i, NOW.minus(Duration.ofDays(6 - i)),
                    Trees.sample(folder.resolve("store/" + i), i));
        }
    }

    private RestoreTestOptions options() {
        return RestoreTestOptions.defaults().withVolume(volume).withStateFolder(state)
                .withSeed(7).withHost("test-host");
    }

    @Test
    void run_intactSnapshots_passes() {
        RestoreTestReport report = new RestoreTest(restorer, options(), CLOCK).run(DOCS);

        assertThat(report.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(report.seed()).isEqualTo(7);
        assertThat(report.host()).isEqualTo("test-host");
        SourceReport docs = report.sources().getFirst();
        assertThat(docs.dataAgeSeconds()).isEqualTo(Duration.ofDays(1).toSeconds());
        assertThat(docs.snapshots()).extracting(SnapshotTest::role)
                .containsExactly(SnapshotTest.NEWEST, SnapshotTest.OLDER);
        assertThat(docs.snapshots().getFirst().snapshotId()).isEqualTo("snapshot-5");
        assertThat(docs.allChecks()).extracting(Check::status)
                .doesNotContain(CheckStatus.FAILED);
        assertThat(checkNames(docs.snapshots().getFirst())).contains("content hashes",
                "sizes", "modes", "modification times", "symbolic link targets",
                "file and byte totals", "environment removed");
    }

    @Test
    void run_success_leavesNoEnvironment() throws IOException {
        new RestoreTest(restorer, options(), CLOCK).run(DOCS);

        assertThat(volume).isEmptyDirectory();
        assertThat(state).isEmptyDirectory();
    }

    @Test
    void run_sameSeed_picksSameOlderSnapshots() {
        RestoreTestOptions threeOlder = options().withOlderSnapshots(3);

        List<String> first = ids(new RestoreTest(restorer, threeOlder, CLOCK).run(DOCS));
        List<String> second = ids(new RestoreTest(restorer, threeOlder, CLOCK).run(DOCS));

        assertThat(first).hasSize(4).doesNotHaveDuplicates().isEqualTo(second);
        assertThat(first.getFirst()).isEqualTo("snapshot-5");
    }

    @Test
    void run_olderBeyondCount_testsEachOnce() {
        RestoreTestReport report = new RestoreTest(restorer, options().withOlderSnapshots(9),
                CLOCK).run(DOCS);

        assertThat(ids(report)).containsExactly("snapshot-5", "snapshot-4", "snapshot-3",
                "snapshot-2", "snapshot-1");
    }

    @Test
    void run_fileAlteredAfterRestore_failsContentHash() throws IOException {
        SnapshotRestorer faulty = FaultyRestorer.flipping(restorer, "data/sub/b.bin");

        RestoreTestReport report = new RestoreTest(faulty, options(), CLOCK).run(DOCS);

        assertThat(report.verdict()).isEqualTo(Verdict.FAILED);
        Check hashes = check(report.sources().getFirst().snapshots().getFirst(),
                "content hashes");
        assertThat(hashes.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(hashes.failed()).isEqualTo(1);
        assertThat(hashes.reason()).isEqualTo("1 of 3 files differ from the recorded SHA-256");
        assertThat(hashes.examples()).singleElement().asString()
                .startsWith("data/sub/b.bin: recorded SHA-256 ");
        assertThat(hashes.nextStep()).contains("restore volume's health");
        assertThat(check(report.sources().getFirst().snapshots().getFirst(), "sizes").status())
                .isEqualTo(CheckStatus.PASSED);
        assertThat(volume).isEmptyDirectory();
        assertThat(state).isEmptyDirectory();
    }

    @Test
    void run_damagedPack_namesPackInAdvice() throws IOException {
        String pack = "data/3f/3f2a" + "0".repeat(60);
        SnapshotRestorer faulty = FaultyRestorer.failing(restorer, new RestoreException(
                "reading blob 12ab from " + pack + " failed: authentication failed", pack,
                null));

        RestoreTestReport report = new RestoreTest(faulty, options(), CLOCK).run(DOCS);

        Check restore = check(report.sources().getFirst().snapshots().getFirst(),
                "restore completed");
        assertThat(restore.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(restore.reason()).contains(pack);
        assertThat(restore.nextStep()).startsWith("pack 3f2a0000")
                .contains("damaged or missing on every provider")
                .contains("holdfast check --read-data").contains("holdfast repair");
        assertThat(check(report.sources().getFirst().snapshots().getFirst(),
                "environment removed").status()).isEqualTo(CheckStatus.PASSED);
        assertThat(volume).isEmptyDirectory();
        assertThat(state).isEmptyDirectory();
    }

    @Test
    void run_volumeTooSmall_failsSpaceCheck() throws Exception {
        FolderRestorer large = new FolderRestorer().add("large", NOW,
                Trees.large(folder.resolve("store/large"), 2 * 1024 * 1024));
        try (TmpfsVolume small = TmpfsVolume.mount(folder.resolve("small"), "1m")) {
            RestoreTestReport report = new RestoreTest(large,
                    options().withVolume(small.folder()), CLOCK).run(DOCS);

            SnapshotTest snapshot = report.sources().getFirst().snapshots().getFirst();
            Check space = check(snapshot, "restore volume has room");
            assertThat(space.status()).isEqualTo(CheckStatus.FAILED);
            assertThat(space.reason()).startsWith("the restore volume '" + small.folder()
                    + "' has ").endsWith(" bytes free, but the snapshot holds 2097152 bytes");
            assertThat(space.nextStep()).contains("restore-test.volume");
            assertThat(snapshot.restoreMillis()).isZero();
            assertThat(small.folder()).isEmptyDirectory();
            assertThat(state).doesNotExist();
        }
    }

    @Test
    void run_interruptedThread_testsNothingAndKeepsFlag() {
        Thread.currentThread().interrupt();
        RestoreTestReport report;
        try {
            report = new RestoreTest(restorer, options(), CLOCK).run(DOCS);
        } finally {
            assertThat(Thread.interrupted()).isTrue();
        }

        assertThat(report.sources()).isEmpty();
    }

    @Test
    void run_sourceWithoutSnapshots_failsWithBackupAdvice() {
        RestoreTestReport report = new RestoreTest(new FolderRestorer(), options(), CLOCK)
                .run(DOCS);

        SourceReport docs = report.sources().getFirst();
        assertThat(docs.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(docs.dataAgeSeconds()).isEqualTo(-1);
        assertThat(docs.checks()).singleElement().satisfies(check -> {
            assertThat(check.reason()).isEqualTo("source 'docs' has no snapshot");
            assertThat(check.nextStep()).contains("holdfast backup --source docs");
        });
    }

    @Test
    void run_deadProcessLeftover_isSwept() throws Exception {
        TemporaryDirectory leftover = TemporaryDirectory.create(volume, 0, state);
        Path marker;
        try (Stream<Path> files = Files.list(state)) {
            marker = files.filter(f -> f.toString().endsWith(".marker")).findFirst()
                    .orElseThrow();
        }
        Files.writeString(marker, Files.readString(marker).replaceAll("owner.pid=\\d+",
                "owner.pid=" + exitedProcessPid()));

        RestoreTestReport report = new RestoreTest(restorer, options(), CLOCK).run(DOCS);

        assertThat(report.leftoversRemoved()).singleElement().asString()
                .contains(leftover.path().toString());
        assertThat(leftover.path()).doesNotExist();
        assertThat(report.verdict()).isEqualTo(Verdict.PASSED);
    }

    private static long exitedProcessPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }

    static List<String> ids(RestoreTestReport report) {
        return report.sources().getFirst().snapshots().stream().map(SnapshotTest::snapshotId)
                .toList();
    }

    static Check check(SnapshotTest snapshot, String name) {
        return snapshot.checks().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check '" + name + "' in "
                        + checkNames(snapshot)));
    }

    static List<String> checkNames(SnapshotTest snapshot) {
        return snapshot.checks().stream().map(Check::name).toList();
    }
}
