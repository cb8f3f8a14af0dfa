package dev.holdfast.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.holdfast.orchestrator.api.ApiServer;
import dev.holdfast.orchestrator.ca.CertificateAuthority;
import dev.holdfast.orchestrator.ca.IssueRequest;
import dev.holdfast.orchestrator.ca.PemFiles;
import dev.holdfast.orchestrator.catalog.Catalog;
import dev.holdfast.orchestrator.catalog.ProviderHealthRows;
import dev.holdfast.orchestrator.catalog.ProviderHealthRows.Health;
import dev.holdfast.orchestrator.config.ConfigLoader;
import dev.holdfast.orchestrator.config.HoldfastConfig;
import dev.holdfast.scheduler.JobScheduler;
import dev.holdfast.scheduler.JobStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * Runs the HTTP API of serve on a loopback port over real TLS, with a real scheduler whose
 * backup job runs the holdfast CLI in this process, as serve wires them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeApiTest {
    private static final String PASSPHRASE = "correct horse battery staple";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration RUN_WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path folder;

    private HoldfastConfig config;
    private CliContext context;
    private Printer printer;
    private JobScheduler scheduler;
    private ServiceApi api;
    private URI base;
    private Path caCertificate;
    private ListAppender<ILoggingEvent> requestLog;
    private HttpClient alice;

    @BeforeAll
    void startService() throws Exception {
        Files.writeString(Files.createDirectories(folder.resolve("data")).resolve("a.txt"),
                "some data");
        Path file = Files.writeString(folder.resolve("holdfast.yaml"), """
                repository: { providers: [local] }
                providers: [{ name: local, driver: filesystem, path: ./repo }]
                sources:
                  - name: docs
                    paths: [data]
                    schedule: { backup: "0 0 2 * * ?", time-zone: UTC }
                service: { state-dir: ./state, listen: "127.0.0.1:0" }
                """);
        CliRunner cli = new CliRunner(folder).env("HOLDFAST_PASSPHRASE", PASSPHRASE);
        for (String[] command : List.of(new String[] {"init"}, new String[] {"ca", "init"},
                new String[] {"ca", "issue", "node", "--node"},
                new String[] {"ca", "issue", "alice"},
                new String[] {"ca", "init", "--ca-dir", "other-ca"},
                new String[] {"ca", "issue", "mallory", "--ca-dir", "other-ca"})) {
            CliRunner.Result result = cli.run(command);
            assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCodes.SUCCESS);
        }
        Path ca = folder.resolve("state/ca");
        caCertificate = ca.resolve(CertificateAuthority.CERTIFICATE_FILE);
        Clock tenDaysAgo = Clock.offset(Clock.systemUTC(), Duration.ofDays(-10));
        CertificateAuthority.open(ca, null, "")
                .issue(IssueRequest.of("expired", false, List.of(), List.of(), 1), tenDaysAgo)
                .writeTo(folder.resolve("expired"));

        config = ConfigLoader.load(file);
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8);
        context = new CliContext(Map.of("HOLDFAST_PASSPHRASE", PASSPHRASE), sink,
                sink, null, folder, ZoneOffset.UTC);
        scheduler = JobScheduler.start(JobStore.memory(), config.schedules(),
                new JobExecutor(context, config, Optional.empty()), JobScheduler.Options.DEFAULT);
        printer = new Printer(sink, sink, Printer.Level.NORMAL, false);
        api = ServiceApi.prepare(printer, context, config);
        api.start(scheduler);
        base = URI.create("https://" + ApiServer.describe(api.address()));
    }

    @AfterAll
    void stopService() throws Exception {
        if (api != null) {
            api.close();
        }
        if (scheduler != null) {
            scheduler.stop(RUN_WAIT);
        }
    }

    @BeforeEach
    void captureRequestLog() {
        Logger logger = (Logger) LoggerFactory.getLogger("dev.holdfast.orchestrator.api");
        requestLog = new ListAppender<>();
        requestLog.start();
        logger.addAppender(requestLog);
        logger.setLevel(Level.DEBUG);
    }

    @AfterEach
    void releaseRequestLog() {
        Logger logger = (Logger) LoggerFactory.getLogger("dev.holdfast.orchestrator.api");
        logger.detachAppender(requestLog);
        logger.setLevel(null);
    }

    @Test
    void prepare_missingNodeCertificate_namesFix() throws Exception {
        Path file = Files.writeString(folder.resolve("no-node.yaml"), """
                repository: { providers: [local] }
                providers: [{ name: local, driver: filesystem, path: ./repo }]
                sources: [{ name: docs, paths: [data], schedule: { backup: "0 0 2 * * ?" } }]
                service: { state-dir: ./other-state, listen: "127.0.0.1:0" }
                """);
        HoldfastConfig withoutNode = ConfigLoader.load(file);

        assertThatThrownBy(() -> ServiceApi.prepare(printer, context, withoutNode))
                .isInstanceOfSatisfying(CliException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE))
                .hasMessageContaining("\"" + folder.resolve("other-state/ca/issued/node/cert.pem")
                        + "\" was not found")
                .hasMessageContaining("holdfast ca issue node --node");
    }

    @Test
    void request_withoutCertificate_isRejected() throws Exception {
        HttpClient client = client(null);

        assertThatThrownBy(() -> get(client, "/health")).isInstanceOf(IOException.class);

        assertThat(requestLines()).isEmpty();
    }

    @Test
    void request_otherCaCertificate_isRejected() throws Exception {
        HttpClient client = client(folder.resolve("other-ca/issued/mallory"));

        assertThatThrownBy(() -> get(client, "/health")).isInstanceOf(IOException.class);

        assertThat(requestLines()).isEmpty();
    }

    @Test
    void request_expiredCertificate_isRejected() throws Exception {
        HttpClient client = client(folder.resolve("expired"));

        assertThatThrownBy(() -> get(client, "/health")).isInstanceOf(IOException.class);

        assertThat(requestLines()).isEmpty();
    }

    @Test
    void health_validCertificate_reportsOk() throws Exception {
        HttpResponse<String> response = get(alice(), "/health");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = JSON.readTree(response.body());
        assertThat(health.get("status").asText()).isEqualTo("ok");
        assertThat(health.get("scheduler_running").asBoolean()).isTrue();
        assertThat(health.get("catalog_reachable").asBoolean()).isTrue();
        assertThat(health.get("version").asText()).isNotBlank();
        assertThat(requestLines()).singleElement().asString()
                .contains("GET /health from CN=alice: 200");
    }

    @Test
    void jobs_listsConfiguredJobWithNextFireTime() throws Exception {
        JsonNode jobs = JSON.readTree(get(alice(), "/jobs").body());

        assertThat(jobs).hasSize(1);
        assertThat(jobs.get(0).get("name").asText()).isEqualTo("backup:docs");
        assertThat(jobs.get(0).get("cron").asText()).isEqualTo("0 0 2 * * ?");
        assertThat(Instant.parse(jobs.get(0).get("next_fire_time").asText()))
                .isEqualTo(scheduler.nextFireTime("backup:docs").orElseThrow());
    }

    @Test
    void providers_catalogRows_areServedAndCounted() throws Exception {
        Instant checked = Instant.parse("2026-01-02T03:04:05Z");
        try (Catalog catalog = Catalog.open(config.catalog(), Map.of())) {
            catalog.providerHealth().add(List.of(
                    new Health("offsite", checked, ProviderHealthRows.UNREACHABLE, "timed out"),
                    new Health("local", checked, ProviderHealthRows.OK, "12 ms")));
        }

        JsonNode providers = JSON.readTree(get(alice(), "/providers").body());
        String metrics = get(alice(), "/metrics").body();

        assertThat(providers).hasSize(2);
        assertThat(providers.get(1).get("provider").asText()).isEqualTo("offsite");
        assertThat(providers.get(1).get("status").asText()).isEqualTo("unreachable");
        assertThat(providers.get(1).get("checked_at").asText()).isEqualTo(checked.toString());
        assertThat(metrics).contains("holdfast_provider_errors_total{provider=\"offsite\"} 1.0");
        assertThat(metrics).doesNotContain("provider=\"local\"");
    }

    @Test
    void trigger_backup_runsAndShowsInMetrics() throws Exception {
        HttpResponse<String> triggered = post(alice(), "/jobs/backup:docs/trigger");

        assertThat(triggered.statusCode()).as(triggered.body()).isEqualTo(202);
        JsonNode run = awaitFinishedRun("backup/docs");
        assertThat(run.get("outcome").asText()).isEqualTo("success");
        assertThat(run.get("figures").get("files_new").asInt()).isEqualTo(1);
        JsonNode snapshots = JSON.readTree(get(alice(), "/snapshots").body());
        assertThat(snapshots).hasSize(1);
        assertThat(snapshots.get(0).get("id").asText())
                .isEqualTo(run.get("figures").get("snapshot").asText());
        HttpResponse<String> metrics = get(alice(), "/metrics");
        assertThat(metrics.headers().firstValue("Content-Type")).hasValue(
                "text/plain; version=0.0.4; charset=utf-8");
        assertThat(metrics.body()).contains(
                "holdfast_job_last_success_timestamp_seconds{job=\"backup/docs\"} ",
                "holdfast_job_last_success_duration_seconds{job=\"backup/docs\"} ",
                "holdfast_job_runs_total{job=\"backup/docs\",outcome=\"success\"} 1.0",
                "holdfast_backup_added_bytes_total{job=\"backup/docs\"} ",
                "holdfast_objects_under_replicated{repository=\""
                        + run.get("repository_id").asText() + "\"} 0.0",
                "holdfast_catalog_reachable 1.0", "holdfast_scheduler_running 1.0");
        assertThat(metricValue(metrics.body(),
                "holdfast_job_last_success_timestamp_seconds{job=\"backup/docs\"}"))
                .isEqualTo(Instant.parse(run.get("ended").asText()).toEpochMilli() / 1000.0);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            POST | /jobs/nothing/trigger     | 404 | unknown job "nothing": expected one of [backup:
            GET  | /jobs/backup:docs/trigger | 405 | method GET not allowed on /jobs/backup:docs/
            POST | /health                   | 405 | method POST not allowed on /health: use GET
            GET  | /nothing                  | 404 | no endpoint /nothing
            GET  | /runs?limit=0             | 400 | invalid limit "0": expected a whole number
            GET  | /runs?limit=x             | 400 | invalid limit "x"
            """)
    void request_invalid_getsErrorStatusAndMessage(String method, String path, int status,
            String message) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();

        HttpResponse<String> response = alice().send(request,
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).get("error").asText()).contains(message);
        if (status == 405) {
            assertThat(response.headers().firstValue("Allow")).isPresent();
        }
    }

    @Test
    void runs_limit_returnsThatManyNewestFirst() throws Exception {
        try (Catalog catalog = Catalog.open(config.catalog(), Map.of())) {
            Instant started = Instant.parse("2020-01-01T00:00:00Z");
            for (int i = 0; i < 3; i++) {
                long id = catalog.jobRuns().start("check", "check", null, "test-node",
                        started.plusSeconds(i));
                catalog.jobRuns().finish(id, null, started.plusSeconds(i + 1), "failed",
                        Map.of(), "damaged pack " + i);
            }
        }

        JsonNode two = JSON.readTree(get(alice(), "/runs?limit=2").body());
        JsonNode all = JSON.readTree(get(alice(), "/runs?limit=1000").body());

        assertThat(two).hasSize(2);
        assertThat(two.get(0)).isEqualTo(all.get(0));
        assertThat(two.get(1)).isEqualTo(all.get(1));
        assertThat(all.findValuesAsText("error"))
                .containsSubsequence("damaged pack 2", "damaged pack 1", "damaged pack 0");
    }

    private JsonNode awaitFinishedRun(String job) throws Exception {
        Instant deadline = Instant.now().plus(RUN_WAIT);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode run : JSON.readTree(get(alice(), "/runs").body())) {
                if (run.get("job").asText().equals(job)
                        && !run.get("outcome").asText().equals("running")) {
                    return run;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no finished run of " + job + " within " + RUN_WAIT);
    }

    private static double metricValue(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .findFirst().orElseThrow();
    }

    private List<String> requestLines() {
        return requestLog.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.startsWith("api: GET") || line.startsWith("api: POST"))
                .toList();
    }

    private HttpClient alice() throws Exception {
        if (alice == null) {
            alice = client(folder.resolve("state/ca/issued/alice"));
        }
        return alice;
    }

    private HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve(path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Returns a client that trusts only the service's CA and presents the certificate in
     * {@code certificateFolder}, or none when it is null.
     */
    private HttpClient client(Path certificateFolder) throws Exception {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("ca", PemFiles.readCertificate(caCertificate));
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(anchors);
        KeyManagerFactory keys = null;
        if (certificateFolder != null) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", PemFiles.readKey(certificateFolder.resolve("key.pem")),
                    new char[0], new Certificate[] {PemFiles.readCertificate(
                            certificateFolder.resolve("cert.pem"))});
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, new char[0]);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(),
                new SecureRandom());
        return HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }
}
