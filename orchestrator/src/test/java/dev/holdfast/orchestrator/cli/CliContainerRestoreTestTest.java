package dev.holdfast.orchestrator.cli;

import static dev.holdfast.orchestrator.cli.ThreeFolders.assertExit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.restoretester.environment.EphemeralPostgres;
import dev.holdfast.restoretester.environment.PostgresOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restore tests with {@code database-environment: container} on a machine without a Docker
 * engine. The build points DOCKER_HOST at a socket in a folder that does not exist, so the
 * probe fails at once. The snapshot's test must then fail with one plain reason and leave no
 * environment behind.
 */
class CliContainerRestoreTestTest {
    private static final String PASSPHRASE = "container restore test passphrase";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path state;

    private static EphemeralPostgres postgres;

    @TempDir
    Path folder;

    @BeforeAll
    static void startServer() throws Exception {
        postgres = EphemeralPostgres.start(PostgresOptions.defaults().withStateFolder(state));
        try (Connection connection = DriverManager.getConnection(postgres.createDatabase(
                "shop"), postgres.superuser(), postgres.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE orders (id int PRIMARY KEY, note text)");
            statement.execute("INSERT INTO orders SELECT g, 'order ' || g "
                    + "FROM generate_series(1, 300) g");
        }
    }

    @AfterAll
    static void stopServer() throws IOException {
        postgres.close();
    }

    private CliRunner configure() throws IOException {
        Files.writeString(folder.resolve("holdfast.yaml"), """
                repository:
                  providers: [local]
                  chunker: { min: 16KiB, average: 64KiB, max: 256KiB }
                providers: [{ name: local, driver: filesystem, path: ./repo }]
                sources:
                  - name: pg
                    postgresql: { port: %d, user: %s, password-env: PG_PASSWORD, \
                databases: [shop] }
                service: { state-dir: ./state }
                restore-test:
                  volume: ./volume
                  database-environment: container
                  images: { postgresql: "postgres:16" }
                """.formatted(postgres.port(), postgres.superuser()));
        CliRunner cli = new CliRunner(folder).env("HOLDFAST_PASSPHRASE", PASSPHRASE)
                .env("PG_PASSWORD", postgres.password());
        assertExit(cli.run("init"), ExitCodes.SUCCESS);
        assertExit(cli.run("backup"), ExitCodes.SUCCESS);
        return cli;
    }

    private static String missingDockerHost() {
        String dockerHost = System.getenv("DOCKER_HOST");
        assertThat(dockerHost).as("DOCKER_HOST set by the build to a missing socket")
                .startsWith("unix://");
        assertThat(Path.of(dockerHost.substring("unix://".length()))).doesNotExist();
        return dockerHost;
    }

    @Test
    void withoutDockerEngine_failsWithReasonAndAdvice() throws Exception {
        String dockerHost = missingDockerHost();
        CliRunner cli = configure();

        CliRunner.Result result = cli.run("restore-test", "--json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.RESTORE_TEST_FAILED);
        JsonNode snapshot = JSON.readTree(result.stdout()).path("report").path("sources")
                .path(0).path("snapshots").path(0);
        JsonNode checks = snapshot.path("checks");
        assertThat(checks).hasSize(1);
        assertThat(checks.path(0).path("name").asText()).isEqualTo("environment created");
        assertThat(checks.path(0).path("status").asText()).isEqualToIgnoringCase("failed");
        assertThat(checks.path(0).path("reason").asText())
                .startsWith("no Docker engine reachable at " + dockerHost + ": ")
                .endsWith("; set restore-test.database-environment: local to use the "
                        + "installed server binaries");
        assertThat(result.stdout()).contains("start a Docker engine and point DOCKER_HOST "
                + "at it, or set restore-test.database-environment: local");
        assertThat(result.stdout()).doesNotContain(postgres.password());
        assertNothingLeft();
    }

    @Test
    void withoutDockerEngine_textReportSaysSo() throws Exception {
        String dockerHost = missingDockerHost();
        CliRunner cli = configure();

        CliRunner.Result result = cli.run("restore-test");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.RESTORE_TEST_FAILED);
        assertThat(result.stdout()).contains("FAILED")
                .contains("no Docker engine reachable at " + dockerHost)
                .contains("set restore-test.database-environment: local to use the installed "
                        + "server binaries");
        assertNothingLeft();
    }

    private void assertNothingLeft() throws IOException {
        Path environments = folder.resolve("state/environments");
        if (Files.exists(environments)) {
            assertThat(environments).isEmptyDirectory();
        }
        Path volume = folder.resolve("volume");
        if (Files.exists(volume)) {
            try (Stream<Path> files = Files.list(volume)) {
                assertThat(files.toList()).isEmpty();
            }
        }
    }
}
