package dev.holdfast.orchestrator.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.holdfast.orchestrator.catalog.Incident;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/** The webhook against a real HTTP server on a loopback port that the test scripts. */
class WebhookNotifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-05-04T10:05:00Z");
    private static final String TOKEN = "s3cr3t-t0ken";
    private static final Incident INCIDENT = new Incident(7, "shop",
            Instant.parse("2026-05-04T10:02:00Z"), Instant.parse("2026-05-04T10:01:00Z"),
            "share", "rollback", Incident.OPEN, List.of(
                    new Incident.Table("public", "orders", "share", 10_000, 4_000,
                            Instant.parse("2026-05-04T10:01:00Z"), false),
                    new Incident.Table("public", "lines", "dropped", -1, -1,
                            Instant.parse("2026-05-04T10:01:30Z"), true)),
            "f".repeat(64), null, null, "2 tables damaged", NOW);

    private HttpServer server;
    private final Deque<Integer> statuses = new ArrayDeque<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean hang;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(WebhookNotifier.class);

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hooks/holdfast", this::handle);
        server.start();
        log.start();
        logger.addAppender(log);
        logger.setLevel(Level.DEBUG);
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
        logger.detachAppender(log);
        logger.setLevel(null);
    }

    private void handle(HttpExchange exchange) throws IOException {
        bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                + exchange.getRequestHeaders().getFirst("Authorization"));
        if (hang) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Integer status = statuses.poll();
        exchange.sendResponseHeaders(status == null ? 204 : status, -1);
        exchange.close();
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + "/hooks/holdfast?token=" + TOKEN);
    }

    private WebhookNotifier notifier(URI url, int attempts, Duration timeout) {
        WebhookNotifier.Settings settings = new WebhookNotifier.Settings(url,
                Map.of("Authorization", "Bearer " + TOKEN), attempts, timeout, Duration.ZERO);
        return new WebhookNotifier(settings, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private boolean send(WebhookNotifier notifier) throws Exception {
        // The bound only keeps a broken test from hanging; no assertion depends on time.
        return notifier.send(WebhookNotifier.DETECTED, INCIDENT).get(60, TimeUnit.SECONDS);
    }

    private List<String> loggedLines() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private List<ILoggingEvent> warnings() {
        return log.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
    }

    @Test
    void firstAttemptFails_secondDelivers() throws Exception {
        statuses.add(503);
        try (WebhookNotifier notifier = notifier(url(), 3, Duration.ofSeconds(5))) {
            assertThat(send(notifier)).isTrue();
        }

        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(1)).isEqualTo(bodies.get(0));
        assertThat(requests.getFirst()).isEqualTo("POST /hooks/holdfast?token=" + TOKEN
                + " application/json Bearer " + TOKEN);
        assertThat(warnings()).isEmpty();
        assertThat(loggedLines()).anySatisfy(line -> assertThat(line)
                .contains("failed on attempt 1 of 3").contains("status 503"));
        assertThat(String.join("\n", loggedLines())).doesNotContain(TOKEN);
    }

    @Test
    void body_describesIncidentAndEvent() throws Exception {
        try (WebhookNotifier notifier = notifier(url(), 1, Duration.ofSeconds(5))) {
            assertThat(send(notifier)).isTrue();
        }

        JsonNode body = JSON.readTree(bodies.getFirst());
        assertThat(body.get("event").asText()).isEqualTo("incident.detected");
        assertThat(body.get("time").asText()).isEqualTo(NOW.toString());
        assertThat(body.get("source").asText()).isEqualTo("shop");
        assertThat(body.get("incident_id").asLong()).isEqualTo(7);
        assertThat(body.get("state").asText()).isEqualTo("open");
        assertThat(body.get("rule").asText()).isEqualTo("share");
        assertThat(body.get("forensic_snapshot").asText()).isEqualTo("f".repeat(64));
        assertThat(body.get("restored_snapshot").isNull()).isTrue();
        JsonNode orders = body.get("tables").get(0);
        assertThat(orders.get("table").asText()).isEqualTo("orders");
        assertThat(orders.get("rows_before").asLong()).isEqualTo(10_000);
        assertThat(orders.get("rows_after").asLong()).isEqualTo(4_000);
        assertThat(body.get("tables").get(1).get("rows_after").isNull()).isTrue();
        assertThat(bodies.getFirst()).doesNotContain(TOKEN);
    }

    @Test
    void everyAttemptFails_warnsOnceWithoutSecret() throws Exception {
        statuses.addAll(List.of(500, 502, 503));
        try (WebhookNotifier notifier = notifier(url(), 3, Duration.ofSeconds(5))) {
            assertThat(send(notifier)).isFalse();
        }

        assertThat(bodies).hasSize(3);
        assertThat(warnings()).hasSize(1);
        String warning = warnings().getFirst().getFormattedMessage();
        assertThat(warning).contains("guard shop: webhook http://127.0.0.1:"
                + server.getAddress().getPort() + "/hooks/holdfast for incident 7 "
                + "(incident.detected) failed after 3 of 3 attempts: status 503");
        assertThat(String.join("\n", loggedLines())).doesNotContain(TOKEN);
    }

    @Test
    void clientError_isNotRetried() throws Exception {
        statuses.add(404);
        try (WebhookNotifier notifier = notifier(url(), 3, Duration.ofSeconds(5))) {
            assertThat(send(notifier)).isFalse();
        }

        assertThat(bodies).hasSize(1);
        assertThat(warnings()).singleElement().satisfies(event -> assertThat(
                event.getFormattedMessage()).contains("failed after 1 of 3 attempts: status 404"));
    }

    @Test
    void receiverNeverAnswers_failsAfterTimeouts() throws Exception {
        hang = true;
        try (WebhookNotifier notifier = notifier(url(), 2, Duration.ofMillis(300))) {
            assertThat(send(notifier)).isFalse();
        }
        // The future may complete at its bound just before the delivery logs its failure.
        for (int wait = 0; wait < 600 && warnings().isEmpty(); wait++) {
            Thread.sleep(100);
        }

        assertThat(warnings()).singleElement().satisfies(event -> assertThat(
                event.getFormattedMessage()).contains("failed after 2 of 2 attempts: "
                        + "HttpTimeoutException").doesNotContain(TOKEN));
    }

    @Test
    void connectionRefused_failsWithoutSecret() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI refused = URI.create("http://127.0.0.1:" + closedPort + "/hook?token=" + TOKEN);
        try (WebhookNotifier notifier = notifier(refused, 2, Duration.ofSeconds(5))) {
            assertThat(send(notifier)).isFalse();
        }

        assertThat(warnings()).singleElement().satisfies(event -> assertThat(
                event.getFormattedMessage()).contains("webhook http://127.0.0.1:" + closedPort
                        + "/hook for incident 7").contains("ConnectException"));
        assertThat(String.join("\n", loggedLines())).doesNotContain(TOKEN);
    }

    @Test
    void maxDuration_sumsAttemptsAndBackoffs() {
        WebhookNotifier.Settings settings = WebhookNotifier.Settings.of(url());

        try (WebhookNotifier notifier = new WebhookNotifier(settings, Clock.systemUTC())) {
            // Three attempts of 5 s to connect and 5 s for the response, with waits of 1 s and
            // 2 s between them.
            assertThat(notifier.maxDuration()).isEqualTo(Duration.ofSeconds(33));
        }
    }

    @ParameterizedTest(name = "{0} logs as {1}")
    @CsvSource({
        "https://hooks.example/a/b?token=x#frag, https://hooks.example:443/a/b",
        "http://127.0.0.1:8080/hook,             http://127.0.0.1:8080/hook",
        "http://hooks.example?token=x,           http://hooks.example:80/",
    })
    void redact_keepsSchemeHostPortPath(String url, String redacted) {
        assertThat(WebhookNotifier.redact(URI.create(url))).isEqualTo(redacted);
    }

    @Test
    void settings_invalidUrlOrHeader_areRejectedWithoutSecret() {
        assertThatThrownBy(() -> WebhookNotifier.Settings.of(
                URI.create("https://user:" + TOKEN + "@hooks.example/h")))
                .hasMessage("webhook URL https://hooks.example:443/h carries user information, "
                        + "which the HTTP client does not send: put the credentials in a header "
                        + "or in the query instead");
        assertThatThrownBy(() -> WebhookNotifier.Settings.of(URI.create("ftp://hooks.example/h")))
                .hasMessage("invalid webhook URL ftp://hooks.example:80/h: expected http:// or "
                        + "https:// with a host name");
        assertThatThrownBy(() -> new WebhookNotifier.Settings(url(), Map.of("Host", TOKEN), 3,
                Duration.ofSeconds(5), Duration.ZERO))
                .hasMessageStartingWith("invalid webhook header \"Host\"")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
        assertThatThrownBy(() -> new WebhookNotifier.Settings(url(), Map.of(), 0,
                Duration.ofSeconds(5), Duration.ZERO))
                .hasMessageStartingWith("invalid webhook attempts 0");
    }
}
