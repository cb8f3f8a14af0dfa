package dev.holdfast.orchestrator.cli;

import static dev.holdfast.orchestrator.cli.ThreeFolders.assertExit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.holdfast.restoretester.environment.EphemeralPostgres;
import dev.holdfast.restoretester.environment.PostgresOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulk-deletion guard in a real {@code holdfast serve} process polling a throwaway
 * PostgreSQL server every second: a deletion of 60% of a table is rolled back, TRUNCATE and
 * DROP TABLE are detected, and steady churn over many intervals is not.
 */
class GuardProcessTest {
    private static final String PASSPHRASE = "guard test passphrase";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    @TempDir
    Path folder;

    @TempDir
    Path state;

    private EphemeralPostgres postgres;
    private HttpServer webhook;
    private final List<String> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        postgres = EphemeralPostgres.start(PostgresOptions.defaults().withStateFolder(state));
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                0);
        webhook.createContext("/hook", exchange -> {
            events.add(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
    }

    @AfterEach
    void stop() throws IOException {
        webhook.stop(0);
        postgres.close();
    }

    @Test
    void serve_detectsRollsBackAndIgnoresChurn() throws Exception {
        JdbcDatabase shop = database("shop", "CREATE TABLE orders (id int PRIMARY KEY, note text)",
                "INSERT INTO orders SELECT g, 'order ' || g FROM generate_series(1, 10000) g");
        JdbcDatabase logs = database("logs", "CREATE TABLE lines (id int PRIMARY KEY)",
                "INSERT INTO lines SELECT generate_series(1, 5000)");
        JdbcDatabase crm = database("crm", "CREATE TABLE contacts (id int PRIMARY KEY)",
                "INSERT INTO contacts SELECT generate_series(1, 3000)");
        JdbcDatabase queue = database("queue", "CREATE TABLE jobs (id bigint PRIMARY KEY)",
                "INSERT INTO jobs SELECT generate_series(1, 5000)");
        postgres.createDatabase("catalog");
        CliRunner cli = configure();
        for (String source : List.of("shop", "logs", "crm", "queue")) {
            assertExit(cli.run("backup", "--source", source), ExitCodes.SUCCESS);
        }

        try (ServeProcess serve = ServeProcess.start(folder, folder.resolve("holdfast.yaml"),
                folder.resolve("serve.log"), environment(), List.of("--verbose"))) {
            serve.await(ServeProcess.SERVING);
            AtomicBoolean churning = new AtomicBoolean(true);
            Thread churn = Thread.ofPlatform().start(() -> churn(queue, churning));
            try {
                Thread.sleep(INTERVAL.multipliedBy(3).toMillis());
                shop.run("DELETE FROM orders WHERE id % 10 < 6");
                Instant deleted = Instant.now();
                logs.run("TRUNCATE lines");
                crm.run("DROP TABLE contacts");

                JsonNode rolledBack = await(cli, "shop", "rolled_back", serve);
                JsonNode truncated = await(cli, "logs", "open", serve);
                JsonNode dropped = await(cli, "crm", "open", serve);
                Thread.sleep(INTERVAL.multipliedBy(5).toMillis());

                Instant detected = Instant.parse(rolledBack.get("detected_at").asText());
                List<Instant> readings = readingsAfter(serve, deleted);
                assertThat(readings.subList(0, Math.min(2, readings.size())))
                        .contains(detected);
                assertThat(shop.count("orders")).isEqualTo(10_000);
                assertThat(truncated.get("rule").asText()).isEqualTo("truncated");
                assertThat(dropped.get("rule").asText()).isEqualTo("dropped");
                assertThat(incidents(cli, "queue")).isEmpty();
                assertForensicHoldsDeletion(cli, rolledBack);
                assertThat(events).anyMatch(e -> e.contains("incident.detected"))
                        .anyMatch(e -> e.contains("incident.rolled_back"));
                assertThat(serve.output()).doesNotContain(postgres.password());
            } finally {
                churning.set(false);
                churn.join();
            }
        }
    }

    /** Returns the times of the readings of database "shop" taken after {@code time}. */
    private static List<Instant> readingsAfter(ServeProcess serve, Instant time)
            throws IOException {
        Matcher matcher = Pattern.compile("guard shop: read database \"shop\" at (\\S+)")
                .matcher(serve.output());
        List<Instant> times = new java.util.ArrayList<>();
        while (matcher.find()) {
            // The catalog keeps microseconds.
            Instant reading = Instant.parse(matcher.group(1)).truncatedTo(ChronoUnit.MICROS);
            if (reading.isAfter(time)) {
                times.add(reading);
            }
        }
        return times;
    }

    private void assertForensicHoldsDeletion(CliRunner cli, JsonNode incident)
            throws Exception {
        String forensic = incident.get("forensic_snapshot").asText();
        assertExit(cli.run("restore", forensic, "--into-database", "shop_forensic"),
                ExitCodes.SUCCESS);
        JdbcDatabase copy = new JdbcDatabase(postgres.jdbcUrl("shop_forensic"), postgres.superuser(),
                postgres.password());
        assertThat(copy.count("orders")).isEqualTo(4000);
        JdbcDatabase damaged = new JdbcDatabase(postgres.jdbcUrl(incident.get("damaged_database")
                .asText()), postgres.superuser(), postgres.password());
        assertThat(damaged.count("orders")).isEqualTo(4000);
    }

    /** Deletes the oldest 250 jobs and adds 250 new ones, in one transaction, every 100 ms. */
    private static void churn(JdbcDatabase queue, AtomicBoolean churning) {
        long next = 5001;
        try {
            while (churning.get()) {
                queue.run("BEGIN", "DELETE FROM jobs WHERE id IN (SELECT id FROM jobs "
                        + "ORDER BY id LIMIT 250)", "INSERT INTO jobs SELECT generate_series("
                        + next + ", " + (next + 249) + ")", "COMMIT");
                next += 250;
                Thread.sleep(100);
            }
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException("churn stopped: " + e.getMessage(), e);
        }
    }

    private JsonNode await(CliRunner cli, String source, String state, ServeProcess serve)
            throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            Optional<JsonNode> found = incidents(cli, source).stream()
                    .filter(i -> i.get("state").asText().equals(state)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + state + " incident of " + source + " within 60 s:\n"
                + serve.output());
    }

    private static List<JsonNode> incidents(CliRunner cli, String source) throws IOException {
        CliRunner.Result result = cli.run("incidents", "--source", source, "--json");
        assertExit(result, ExitCodes.SUCCESS);
        List<JsonNode> list = new java.util.ArrayList<>();
        JSON.readTree(result.stdout()).forEach(list::add);
        return list;
    }

    private Map<String, String> environment() {
        return Map.of("HOLDFAST_PASSPHRASE", PASSPHRASE, "DB_PASSWORD", postgres.password());
    }

    private CliRunner configure() throws IOException {
        StringBuilder sources = new StringBuilder();
        for (String name : List.of("shop", "logs", "crm", "queue")) {
            sources.append("""
                      - name: %s
                        postgresql: { port: %d, user: %s, password-env: DB_PASSWORD, \
                    databases: [%s] }
                        guard: { interval: 1s, window: 30s, min-rows: 100, action: %s, \
                    webhook: "http://127.0.0.1:%d/hook" }
                    """.formatted(name, postgres.port(), postgres.superuser(), name,
                    name.equals("shop") ? "rollback" : "alert",
                    webhook.getAddress().getPort()));
        }
        Files.writeString(folder.resolve("holdfast.yaml"), """
                repository:
                  providers: [local]
                  chunker: { min: 64KiB, average: 256KiB, max: 1MiB }
                providers:
                  - { name: local, driver: filesystem, path: ./repo }
                catalog: { url: "%s", user: %s, password-env: DB_PASSWORD }
                service: { grace-period: 10s }
                sources:
                %s""".formatted(postgres.jdbcUrl("catalog"), postgres.superuser(), sources));
        CliRunner cli = new CliRunner(folder);
        environment().forEach(cli::env);
        assertExit(cli.run("init"), ExitCodes.SUCCESS);
        return cli;
    }

    private JdbcDatabase database(String name, String... statements) throws Exception {
        JdbcDatabase database = new JdbcDatabase(postgres.createDatabase(name), postgres.superuser(),
                postgres.password());
        database.run(statements);
        return database;
    }
}
