package dev.holdfast.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.holdfast.orchestrator.api.ApiServer;
import dev.holdfast.orchestrator.ca.CertificateAuthority;
import dev.holdfast.orchestrator.config.ConfigLoader;
import dev.holdfast.orchestrator.config.HoldfastConfig;
import dev.holdfast.scheduler.JobScheduler;
import dev.holdfast.scheduler.JobStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serves two restore test reports, one passed and one failed by a damaged pack, from the
 * real HTTPS API of serve, and reads the failed one in headless Chromium as an operator would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportPagesTest {
    private static final String PASSPHRASE = "correct horse battery staple";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    static Path folder;

    private JobScheduler scheduler;
    private ServiceApi api;
    private URI base;
    private HttpClient alice;
    private String pack;

    @BeforeAll
    void twoReports() throws Exception {
        Files.writeString(Files.createDirectories(folder.resolve("notes")).resolve("n.txt"),
                "a note");
        byte[] large = new byte[1 << 20];
        new Random(3).nextBytes(large);
        Files.write(Files.createDirectories(folder.resolve("docs")).resolve("large.bin"), large);
        Path file = Files.writeString(folder.resolve("holdfast.yaml"), """
                repository: { providers: [local], pack-size: 4MiB }
                providers: [{ name: local, driver: filesystem, path: ./repo }]
                sources:
                  - { name: docs, paths: [docs] }
                  - { name: notes, paths: [notes] }
                service: { state-dir: ./state, listen: "127.0.0.1:0" }
                restore-test: { volume: ./volume, time-zone: UTC }
                """);
        CliRunner cli = new CliRunner(folder).env("HOLDFAST_PASSPHRASE", PASSPHRASE);
        for (String[] command : List.of(new String[] {"init"}, new String[] {"ca", "init"},
                new String[] {"ca", "issue", "node", "--node"},
                new String[] {"ca", "issue", "alice"}, new String[] {"backup"},
                new String[] {"restore-test"})) {
            CliRunner.Result result = cli.run(command);
            assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCodes.SUCCESS);
        }
        pack = damageLargestPack();
        assertThat(cli.run("restore-test").exitCode()).isEqualTo(ExitCodes.RESTORE_TEST_FAILED);
        startApi(ConfigLoader.load(file));
    }

    private void startApi(HoldfastConfig config) throws Exception {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8);
        CliContext context = new CliContext(Map.of("HOLDFAST_PASSPHRASE", PASSPHRASE), sink,
                sink, null, folder, ZoneOffset.UTC);
        scheduler = JobScheduler.start(JobStore.memory(), config.schedules(),
                new JobExecutor(context, config, Optional.empty()), JobScheduler.Options.DEFAULT);
        api = ServiceApi.prepare(new Printer(sink, sink, Printer.Level.NORMAL, false), context,
                config);
        api.start(scheduler);
        base = URI.create("https://" + ApiServer.describe(api.address()));
        alice = ApiClients.withCertificate(folder.resolve("state/ca")
                .resolve(CertificateAuthority.CERTIFICATE_FILE),
                folder.resolve("state/ca/issued/alice"));
    }

    @AfterAll
    void stopApi() throws Exception {
        if (api != null) {
            api.close();
        }
        if (scheduler != null) {
            scheduler.stop(Duration.ofSeconds(30));
        }
    }

    @Test
    void reports_listsRunsNewestFirst() throws Exception {
        HttpResponse<String> index = get("/reports");

        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).contains("text/html; "
                + "charset=utf-8");
        assertThat(index.headers().firstValue("Content-Security-Policy"))
                .contains("default-src 'none'; style-src 'unsafe-inline'; "
                        + "frame-ancestors 'none'");
        assertThat(index.body()).contains("Newest: <a href=\"/reports/2\" class=\"failed\">");
        assertThat(index.body().indexOf("<a href=\"/reports/2\">2</a>"))
                .isPositive().isLessThan(index.body().indexOf("<a href=\"/reports/1\">1</a>"));
    }

    @Test
    void reportJson_returnsStoredReport() throws Exception {
        HttpResponse<String> response = get("/reports/2.json");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.get("id").asLong()).isEqualTo(2);
        assertThat(json.get("snapshot_id").asText()).hasSize(64);
        assertThat(json.get("report").get("verdict").asText()).isEqualTo("failed");
        assertThat(json.get("report").get("trend")).hasSize(2);
    }

    @Test
    void feed_isJsonFeedOfRuns() throws Exception {
        HttpResponse<String> response = get("/reports/feed.json");

        assertThat(response.headers().firstValue("Content-Type"))
                .contains("application/feed+json");
        JsonNode feed = JSON.readTree(response.body());
        assertThat(feed.get("version").asText()).isEqualTo("https://jsonfeed.org/version/1.1");
        assertThat(feed.get("items")).hasSize(2);
        JsonNode newest = feed.get("items").get(0);
        assertThat(newest.get("id").asText()).isEqualTo("holdfast-restore-test-2");
        assertThat(newest.get("url").asText()).isEqualTo(base + "/reports/2");
        assertThat(newest.get("title").asText()).startsWith("Restore test failed - ");
        assertThat(newest.get("content_text").asText()).contains("docs, notes");
        assertThat(newest.get("_holdfast").get("verdict").asText()).isEqualTo("failed");
    }

    @Test
    void unknownReport_isNotFound() throws Exception {
        HttpResponse<String> missing = get("/reports/99");
        HttpResponse<String> malformed = get("/reports/latest");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).get("error").asText())
                .isEqualTo("no restore test report 99: list them at /reports");
        assertThat(malformed.statusCode()).isEqualTo(404);
    }

    @Test
    void reportPost_isNotAllowed() throws Exception {
        HttpResponse<String> response = alice.send(HttpRequest.newBuilder(
                base.resolve("/reports/1")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("GET");
    }

    @Test
    void metrics_haveLastPassedRestoreTestPerSource() throws Exception {
        String metrics = get("/metrics").body();
        JsonNode first = JSON.readTree(get("/reports/1.json").body()).get("report");
        long finished = java.time.Instant.parse(first.get("finished").asText()).getEpochSecond();

        assertThat(metricValue(metrics, "holdfast_restore_test_last_success_timestamp_seconds"
                + "{source=\"docs\"}")).isCloseTo(finished, org.assertj.core.data.Offset
                        .offset(1.0));
        assertThat(metricValue(metrics, "holdfast_restore_test_last_success_timestamp_seconds"
                + "{source=\"notes\"}")).isGreaterThanOrEqualTo(finished);
    }

    @Test
    void failedReportPage_inChromium_showsFailure(@TempDir Path profile)
            throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM
                + ": install it with apt-get install -y chromium");
        String dom;
        try (CertificateProxy proxy = CertificateProxy.start(base, alice)) {
            dom = dumpDom(proxy.base().resolve("/reports/2"), profile);
        }

        assertThat(dom).contains("<h1>Restore test FAILED</h1>");
        assertThat(count(dom, "<tr class=\"source\"")).isEqualTo(2);
        assertThat(dom).containsPattern("<tr class=\"source\" data-source=\"docs\">.*"
                + "<td class=\"status failed\">failed</td></tr>");
        assertThat(dom).containsPattern("<tr class=\"source\" data-source=\"notes\">.*"
                + "<td class=\"status passed\">passed</td></tr>");
        assertThat(dom).contains("1 path was not restored completely, because repository "
                + "data is damaged or missing (pack " + pack + ")");
        assertThat(dom).contains("What to do next: pack " + pack + " is damaged or missing on "
                + "every provider that holds it: run holdfast check --read-data, then holdfast "
                + "repair");
        assertThat(dom).contains("<svg id=\"trend-chart\"");
        assertThat(dom).contains("<circle class=\"run passed\"", "<circle class=\"run failed\"");
    }

    /** Runs headless Chromium on {@code url} and returns the DOM it prints once loaded. */
    private static String dumpDom(URI url, Path profile) throws Exception {
        Path out = profile.resolveSibling(profile.getFileName() + ".dom.html");
        Path err = profile.resolveSibling(profile.getFileName() + ".chromium.log");
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--user-data-dir=" + profile, "--dump-dom",
                url.toString()).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        if (!chromium.waitFor(120, TimeUnit.SECONDS)) {
            chromium.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("Chromium did not finish within 120 s: "
                    + Files.readString(err));
        }
        assertThat(chromium.exitValue()).as(Files.readString(err)).isZero();
        return Files.readString(out);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return alice.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Flips a byte in the middle of the largest pack, which contains docs' large file. */
    private static String damageLargestPack() throws Exception {
        Path largest;
        try (Stream<Path> files = Files.walk(folder.resolve("repo/data"))) {
            largest = files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .max(Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(largest);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(largest, bytes);
        return largest.getFileName().toString();
    }

    private static double metricValue(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no " + series + " in\n"
                        + metrics));
    }

    private static int count(String text, String part) {
        Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
