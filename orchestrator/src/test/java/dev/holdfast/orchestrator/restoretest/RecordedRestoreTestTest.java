package dev.holdfast.orchestrator.restoretest;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.holdfast.orchestrator.catalog.Catalog;
import dev.holdfast.orchestrator.config.CatalogConfig;
import dev.holdfast.orchestrator.restoretest.RecordedRestoreTest.Outcome;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.SnapshotInfo;
import dev.holdfast.repository.engine.TmpfsVolume;
import dev.holdfast.restoretester.FileRestore;
import dev.holdfast.restoretester.RestoreException;
import dev.holdfast.restoretester.RestoreTestOptions;
import dev.holdfast.restoretester.SnapshotRestorer;
import dev.holdfast.restoretester.TestSource;
import dev.holdfast.restoretester.report.Check;
import dev.holdfast.restoretester.report.CheckStatus;
import dev.holdfast.restoretester.report.ReportJson;
import dev.holdfast.restoretester.report.RestoreTestReport;
import dev.holdfast.restoretester.report.SnapshotTest;
import dev.holdfast.restoretester.report.TrendPoint;
import dev.holdfast.restoretester.report.Verdict;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restore tests of a real repository on the filesystem provider, restored into real
 * temporary directories, with the report kept in an H2 catalog and in the repository.
 */
class RecordedRestoreTestTest {
    private static final List<TestSource> DOCS = List.of(TestSource.files(TestRepository.SOURCE));

    @TempDir
    Path folder;
    private Path source;
    private Repository repository;
    private Catalog catalog;
    private final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void backups() throws Exception {
        source = TestRepository.source(folder);
        repository = TestRepository.create(folder.resolve("repo"));
        TestRepository.backup(repository, source);
        Files.writeString(source.resolve("b.txt"), "added later");
        TestRepository.backup(repository, source);
        catalog = Catalog.open(CatalogConfig.embedded(folder.resolve("catalog")), Map.of());
    }

    @AfterEach
    void close() {
        if (catalog != null) {
            catalog.close();
        }
        if (repository != null) {
            repository.close();
        }
    }

    private RestoreTestOptions options() {
        return RestoreTestOptions.defaults().withVolume(folder.resolve("volume"))
                .withStateFolder(folder.resolve("state")).withSeed(3).withHost("test-host");
    }

    private Outcome run(SnapshotRestorer restorer, FailureNotifier notifier,
            RestoreTestOptions options) {
        return new RecordedRestoreTest(repository, restorer,
                Optional.of(catalog.restoreTestReports()), notifier, Clock.systemUTC(),
                ZoneOffset.UTC, warnings::add).run(DOCS, options);
    }

    private RepositoryRestorer restorer() {
        return new RepositoryRestorer(repository, List.of(TestRepository.sourceConfig(source)));
    }

    @Test
    void run_intactRepository_passesAndStoresReport() throws Exception {
        Outcome outcome = run(restorer(), FailureNotifier.NONE, options());

        RestoreTestReport report = outcome.report();
        assertThat(report.failures()).isEmpty();
        assertThat(report.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(report.sources().getFirst().snapshots()).hasSize(2);
        SnapshotTest newest = report.sources().getFirst().snapshots().getFirst();
        assertThat(check(newest, "content hashes").checked()).isEqualTo(4);
        assertThat(check(newest, "symbolic link targets").checked()).isEqualTo(1);
        assertThat(newest.bytes()).isGreaterThan(TestRepository.LARGE);
        assertThat(warnings).isEmpty();
        assertThat(catalog.restoreTestReports().find(outcome.reportId().orElseThrow())
                .orElseThrow().report()).isEqualTo(report);
        assertThat(report.trend()).containsExactly(report.trendPoint());
        assertNoEnvironmentLeft();
    }

    @Test
    void run_intactRepository_storesReportSnapshot() throws Exception {
        Outcome outcome = run(restorer(), FailureNotifier.NONE, options());

        String id = outcome.reportSnapshot().orElseThrow();
        SnapshotInfo snapshot = repository.snapshot(id);
        assertThat(snapshot.tags()).containsExactly(ReportSnapshots.TAG);
        assertThat(snapshot.paths()).containsExactly(ReportSnapshots.LABEL);
        try (InputStream json = repository.openFile(id, ("/restore-test-report/"
                + ReportSnapshots.JSON_FILE).getBytes(StandardCharsets.UTF_8))) {
            assertThat(ReportJson.read(new String(json.readAllBytes(), StandardCharsets.UTF_8)))
                    .isEqualTo(outcome.report());
        }
        try (InputStream html = repository.openFile(id, ("/restore-test-report/"
                + ReportSnapshots.HTML_FILE).getBytes(StandardCharsets.UTF_8))) {
            assertThat(new String(html.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("<h1>Restore test PASSED</h1>");
        }
        assertThat(catalog.restoreTestReports().recent(1).getFirst().snapshotId()).isEqualTo(id);
    }

    @Test
    void run_secondRun_chartsFirstRun() {
        RestoreTestReport first = run(restorer(), FailureNotifier.NONE, options()).report();

        RestoreTestReport second = run(restorer(), FailureNotifier.NONE, options()).report();

        // The catalog keeps microseconds.
        TrendPoint stored = new TrendPoint(first.started().truncatedTo(ChronoUnit.MICROS),
                first.verdict(), first.restoreMillis());
        assertThat(second.trend()).containsExactly(stored, second.trendPoint());
    }

    @Test
    void run_packDamagedEverywhere_namesPackAndNextStep() throws Exception {
        String pack = TestRepository.damageLargestPack(folder.resolve("repo"));
        String packName = pack.substring(pack.lastIndexOf('/') + 1);

        RestoreTestReport report = run(restorer(), FailureNotifier.NONE, options()).report();

        assertThat(report.verdict()).isEqualTo(Verdict.FAILED);
        SnapshotTest newest = report.sources().getFirst().snapshots().getFirst();
        Check restore = check(newest, "restore completed");
        assertThat(restore.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(restore.reason()).contains("because repository data is damaged or missing")
                .contains("pack " + packName);
        assertThat(restore.examples()).singleElement().asString()
                .startsWith("data/large.bin: ");
        assertThat(restore.nextStep()).isEqualTo("pack " + packName + " is damaged or missing "
                + "on every provider that holds it: run holdfast check --read-data, then "
                + "holdfast repair; if no provider has a sound copy, the files that need it "
                + "are lost from this snapshot");
        Check readable = check(newest, "content readable from the repository");
        assertThat(readable.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(readable.nextStep()).startsWith("pack " + packName);
        assertThat(check(newest, "content hashes").status()).isEqualTo(CheckStatus.PASSED);
        assertThat(check(newest, "environment removed").status())
                .isEqualTo(CheckStatus.PASSED);
        assertNoEnvironmentLeft();
    }

    @Test
    void run_restoredFileAltered_failsContentHash() throws Exception {
        SnapshotRestorer faulty = new AlteringRestorer(restorer(), "data/sub/secret.txt");

        RestoreTestReport report = run(faulty, FailureNotifier.NONE, options()).report();

        SnapshotTest newest = report.sources().getFirst().snapshots().getFirst();
        Check hashes = check(newest, "content hashes");
        assertThat(hashes.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(hashes.failed()).isEqualTo(1);
        assertThat(hashes.examples()).singleElement().asString()
                .startsWith("data/sub/secret.txt: recorded SHA-256 ");
        assertThat(check(newest, "restore completed").status()).isEqualTo(CheckStatus.PASSED);
        assertThat(check(newest, "sizes").status()).isEqualTo(CheckStatus.PASSED);
        assertThat(report.verdict()).isEqualTo(Verdict.FAILED);
        assertNoEnvironmentLeft();
    }

    @Test
    void run_interruptedDuringRestore_keepsAndSendsNothing() throws Exception {
        AtomicInteger notified = new AtomicInteger();
        SnapshotRestorer interrupting = new AlteringRestorer(restorer(), "data/a.txt") {
            @Override
            public FileRestore restoreFiles(String snapshotId, Path target)
                    throws RestoreException {
                FileRestore restore = super.restoreFiles(snapshotId, target);
                Thread.currentThread().interrupt();
                return restore;
            }
        };
        Outcome outcome;
        try {
            outcome = run(interrupting, (report, id) -> notified.incrementAndGet(), options());
        } finally {
            assertThat(Thread.interrupted()).isTrue();
        }

        assertThat(outcome.interrupted()).isTrue();
        assertThat(outcome.reportId()).isEmpty();
        assertThat(outcome.reportSnapshot()).isEmpty();
        assertThat(notified.get()).isZero();
        assertThat(catalog.restoreTestReports().recent(10)).isEmpty();
        assertThat(outcome.report().sources().getFirst().snapshots()).hasSize(1);
        assertNoEnvironmentLeft();
    }

    @Test
    void run_volumeTooSmall_failsSpaceCheck() throws Exception {
        try (TmpfsVolume small = TmpfsVolume.mount(folder.resolve("small"), "512k")) {
            RestoreTestReport report = run(restorer(), FailureNotifier.NONE,
                    options().withVolume(small.folder())).report();

            SnapshotTest newest = report.sources().getFirst().snapshots().getFirst();
            Check space = check(newest, "restore volume has room");
            assertThat(space.status()).isEqualTo(CheckStatus.FAILED);
            assertThat(space.reason()).contains("'" + small.folder() + "'")
                    .contains("but the snapshot holds " + newest.bytes() + " bytes");
            assertThat(space.nextStep()).contains("restore-test.volume");
            assertThat(newest.checks()).extracting(Check::name)
                    .doesNotContain("restore completed");
            assertThat(small.folder()).isEmptyDirectory();
        }
        assertNoEnvironmentLeft();
    }

    @Test
    void run_failure_notifiesWebhookAfterRetry() throws Exception {
        TestRepository.damageLargestPack(folder.resolve("repo"));
        List<String> bodies = new CopyOnWriteArrayList<>();
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(requests.incrementAndGet() == 1 ? 503 : 204, -1);
            exchange.close();
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
            Outcome outcome = run(restorer(), new RestoreTestWebhook(url, 3,
                    Duration.ofMillis(10)), options());

            assertThat(requests.get()).isEqualTo(2);
            assertThat(bodies.get(1)).isEqualTo(bodies.get(0))
                    .contains("\"event\":\"restore_test_failed\"")
                    .contains("\"report_id\":" + outcome.reportId().orElseThrow())
                    .contains("holdfast check --read-data");
            assertThat(warnings).isEmpty();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void run_webhookAlwaysFails_warnsWithHostOnly() throws Exception {
        TestRepository.damageLargestPack(folder.resolve("repo"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                    + "/hook?token=s3cret");
            run(restorer(), new RestoreTestWebhook(url, 2, Duration.ofMillis(10)), options());

            // The notifier logs each failed attempt with its status; the warning names the
            // webhook without its query.
            assertThat(warnings).singleElement().asString()
                    .startsWith("webhook http://127.0.0.1:" + server.getAddress().getPort()
                            + "/hook not notified of the failed restore test")
                    .doesNotContain("s3cret");
        } finally {
            server.stop(0);
        }
    }

    private void assertNoEnvironmentLeft() throws Exception {
        assertThat(folder.resolve("state")).satisfiesAnyOf(
                state -> assertThat(state).doesNotExist(),
                state -> assertThat(state).isEmptyDirectory());
        if (Files.exists(folder.resolve("volume"))) {
            try (Stream<Path> left = Files.list(folder.resolve("volume"))) {
                assertThat(left).isEmpty();
            }
        }
    }

    static Check check(SnapshotTest snapshot, String name) {
        return snapshot.checks().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check '" + name + "' in "
                        + snapshot.checks()));
    }
}
