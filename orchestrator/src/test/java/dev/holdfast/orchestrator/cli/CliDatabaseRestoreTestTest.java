package dev.holdfast.orchestrator.cli;

import static dev.holdfast.orchestrator.cli.ThreeFolders.assertExit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.restoretester.environment.EphemeralMariaDb;
import dev.holdfast.restoretester.environment.EphemeralPostgres;
import dev.holdfast.restoretester.environment.MariaDbOptions;
import dev.holdfast.restoretester.environment.PostgresOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restore tests of database snapshots: each is restored into a throwaway server of its own,
 * its row counts are compared with those recorded at backup, and the probes run.
 */
class CliDatabaseRestoreTestTest {
    private static final String PASSPHRASE = "database restore test passphrase";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path state;

    private static EphemeralPostgres postgres;
    private static EphemeralMariaDb mariadb;

    @TempDir
    Path folder;

    @BeforeAll
    static void startServers() throws Exception {
        postgres = EphemeralPostgres.start(PostgresOptions.defaults().withStateFolder(state));
        mariadb = EphemeralMariaDb.start(MariaDbOptions.defaults().withStateFolder(state));
        run(postgres.createDatabase("shop"), postgres.superuser(), postgres.password(),
                "CREATE TABLE orders (id int PRIMARY KEY, note text)",
                "INSERT INTO orders SELECT g, 'order ' || g FROM generate_series(1, 2500) g");
        run(mariadb.createDatabase("shop"), mariadb.superuser(), mariadb.password(),
                "CREATE TABLE orders (id int PRIMARY KEY, note varchar(40))",
                "INSERT INTO orders VALUES (1, 'one'), (2, 'two'), (3, 'three')");
    }

    @AfterAll
    static void stopServers() throws IOException {
        try (EphemeralPostgres p = postgres; EphemeralMariaDb m = mariadb) {
            // Closing stops both servers and deletes their folders.
        }
    }

    private CliRunner configure(String postgresProbe) throws IOException {
        Files.writeString(folder.resolve("holdfast.yaml"), """
                repository:
                  providers: [local]
                  chunker: { min: 16KiB, average: 64KiB, max: 256KiB }
                providers: [{ name: local, driver: filesystem, path: ./repo }]
                sources:
                  - name: pg
                    postgresql: { port: %d, user: %s, password-env: PG_PASSWORD, \
                databases: [shop] }
                  - name: maria
                    mariadb: { port: %d, user: %s, password-env: MARIA_PASSWORD, \
                databases: [shop] }
                service: { state-dir: ./state }
                restore-test:
                  volume: ./volume
                  probes:
                    pg:
                      - { database: shop, sql: "%s", expect: "2500" }
                    maria:
                      - { database: shop, sql: "SELECT note FROM orders WHERE id = 2", \
                expect: "two" }
                """.formatted(postgres.port(), postgres.superuser(), mariadb.port(),
                mariadb.superuser(), postgresProbe));
        CliRunner cli = new CliRunner(folder).env("HOLDFAST_PASSPHRASE", PASSPHRASE)
                .env("PG_PASSWORD", postgres.password())
                .env("MARIA_PASSWORD", mariadb.password());
        assertExit(cli.run("init"), ExitCodes.SUCCESS);
        assertExit(cli.run("backup"), ExitCodes.SUCCESS);
        return cli;
    }

    @Test
    void databaseSources_restoredCountedAndProbed() throws Exception {
        CliRunner cli = configure("SELECT count(*) FROM orders");

        CliRunner.Result result = cli.run("restore-test", "--json");

        assertExit(result, ExitCodes.SUCCESS);
        JsonNode report = JSON.readTree(result.stdout());
        assertThat(report.toString()).contains("\"pg\"", "\"maria\"", "table row counts",
                "probes").doesNotContain("\"failed\":1");
        assertThat(report.toString()).doesNotContain(postgres.password())
                .doesNotContain(mariadb.password());
        assertThat(folder.resolve("state/environments")).isEmptyDirectory();
    }

    @Test
    void failingProbe_failsTheRestoreTest() throws Exception {
        CliRunner cli = configure("SELECT count(*) FROM orders WHERE id > 2000");

        CliRunner.Result result = cli.run("restore-test", "--source", "pg");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.RESTORE_TEST_FAILED);
        assertThat(result.stdout()).contains("FAILED").contains("500");
        assertThat(folder.resolve("state/environments")).isEmptyDirectory();
    }

    private static void run(String url, String user, String password, String... statements)
            throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
