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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Database sources through the command line, against throwaway PostgreSQL and MariaDB
 * servers: backup, restore into a new database, deduplication of a second dump.
 */
class CliDatabaseTest {
    private static final String PASSPHRASE = "database test passphrase";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path state;

    private static EphemeralPostgres postgres;
    private static EphemeralMariaDb mariadb;

    @TempDir
    Path folder;

    @BeforeAll
    static void startServers() throws IOException {
        postgres = EphemeralPostgres.start(PostgresOptions.defaults().withStateFolder(state));
        mariadb = EphemeralMariaDb.start(MariaDbOptions.defaults().withStateFolder(state));
    }

    @AfterAll
    static void stopServers() throws IOException {
        try (EphemeralPostgres p = postgres; EphemeralMariaDb m = mariadb) {
            // Closing stops both servers and deletes their folders.
        }
    }

    @AfterEach
    void dropDatabases() throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"),
                postgres.superuser(), postgres.password());
                Statement statement = connection.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database "
                    + "WHERE NOT datistemplate AND datname <> 'postgres'")) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            for (String name : names) {
                statement.execute("DROP DATABASE \"" + name + "\" WITH (FORCE)");
            }
        }
        try (Connection connection = DriverManager.getConnection(mariadb.jdbcUrl(""),
                mariadb.superuser(), mariadb.password());
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS orders");
            statement.execute("DROP DATABASE IF EXISTS orders_copy");
        }
    }

    private CliRunner cli(String kind, int port, String user, String password, String extra)
            throws IOException {
        Files.writeString(folder.resolve("holdfast.yaml"), """
                repository:
                  providers: [local]
                  chunker: { min: 64KiB, average: 256KiB, max: 1MiB }
                providers:
                  - { name: local, driver: filesystem, path: ./repo }
                sources:
                  - name: orders
                    %s:
                      host: 127.0.0.1
                      port: %d
                      user: %s
                      password-env: ORDERS_DB_PASSWORD
                      databases: [orders]
                %s""".formatted(kind, port, user, extra));
        CliRunner cli = new CliRunner(folder).env("HOLDFAST_PASSPHRASE", PASSPHRASE)
                .env("ORDERS_DB_PASSWORD", password);
        assertExit(cli.run("init"), ExitCodes.SUCCESS);
        return cli;
    }

    @Test
    void postgres_backupRestoreIntoNewDatabase() throws Exception {
        String url = postgres.createDatabase("orders");
        fill(url, postgres.superuser(), postgres.password(), 20_000);
        CliRunner cli = cli("postgresql", postgres.port(), postgres.superuser(),
                postgres.password(), "");

        CliRunner.Result backup = cli.run("backup", "--source", "orders", "--json");
        assertExit(backup, ExitCodes.SUCCESS);
        CliRunner.Result listing = cli.run("ls", "latest", "/orders");
        CliRunner.Result restore = cli.run("restore", "latest", "--into-database",
                "orders_copy");

        assertExit(listing, ExitCodes.SUCCESS);
        assertThat(listing.stdout()).contains("/orders/globals.sql",
                "/orders/orders/dump.custom", "/orders/orders/tables.json",
                "/orders/orders/database.json");
        assertExit(restore, ExitCodes.SUCCESS);
        assertThat(restore.stdout()).contains("restored database \"orders\"");
        assertThat(summary(postgres.jdbcUrl("orders_copy"), postgres.superuser(),
                postgres.password())).isEqualTo(summary(url, postgres.superuser(),
                postgres.password()));
        assertThat(backup.stdout() + backup.stderr() + restore.stdout() + restore.stderr())
                .doesNotContain(postgres.password());
    }

    @Test
    void postgres_nonEmptyTarget_rejectedUnlessReplace() throws Exception {
        String url = postgres.createDatabase("busy");
        fill(url, postgres.superuser(), postgres.password(), 10);
        postgres.createDatabase("orders");
        fill(postgres.jdbcUrl("orders"), postgres.superuser(), postgres.password(), 500);
        CliRunner cli = cli("postgresql", postgres.port(), postgres.superuser(),
                postgres.password(), "");
        assertExit(cli.run("backup", "--source", "orders"), ExitCodes.SUCCESS);

        CliRunner.Result rejected = cli.run("restore", "latest", "--into-database", "busy");
        CliRunner.Result replaced = cli.run("restore", "latest", "--into-database", "busy",
                "--replace");

        assertThat(rejected.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(rejected.stderr()).contains("busy");
        assertThat(summary(url, postgres.superuser(), postgres.password())).isEqualTo(
                summary(postgres.jdbcUrl("orders"), postgres.superuser(),
                        postgres.password()));
        assertExit(replaced, ExitCodes.SUCCESS);
        CliRunner.Result queryPassword = cli.run("restore", "latest", "--into-database",
                "postgresql://holdfast@127.0.0.1:" + postgres.port() + "/x?password=secret");
        assertThat(queryPassword.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(queryPassword.stderr()).contains("carries a password in its query")
                .doesNotContain("secret");
    }

    @Test
    void postgres_secondDumpOfLittleChange_addsLittle() throws Exception {
        String url = postgres.createDatabase("orders");
        fill(url, postgres.superuser(), postgres.password(), 200_000);
        CliRunner cli = cli("postgresql", postgres.port(), postgres.superuser(),
                postgres.password(), "");
        JsonNode first = json(cli.run("backup", "--source", "orders", "--json"));
        try (Connection connection = DriverManager.getConnection(url, postgres.superuser(),
                postgres.password()); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE shop.items SET price = price + 1 WHERE id BETWEEN "
                    + "100000 AND 100050");
        }

        JsonNode second = json(cli.run("backup", "--source", "orders", "--json"));

        long firstAdded = first.get("bytes_added").asLong();
        long secondAdded = second.get("bytes_added").asLong();
        assertThat(second.get("bytes_read").asLong()).isGreaterThan(4L << 20);
        assertThat(secondAdded).isLessThan(firstAdded / 4);
    }

    @Test
    void mariadb_backupRestoreIntoNewDatabase() throws Exception {
        String url = mariadb.createDatabase("orders");
        fillMariaDb(url, mariadb.superuser(), mariadb.password(), 5_000);
        CliRunner cli = cli("mariadb", mariadb.port(), mariadb.superuser(),
                mariadb.password(), "");

        CliRunner.Result backup = cli.run("backup", "--source", "orders");
        CliRunner.Result restore = cli.run("restore", "latest", "--into-database",
                "orders_copy");

        assertExit(backup, ExitCodes.SUCCESS);
        assertExit(restore, ExitCodes.SUCCESS);
        assertThat(summary(mariadb.jdbcUrl("orders_copy"), mariadb.superuser(),
                mariadb.password())).isEqualTo(summary(url, mariadb.superuser(),
                mariadb.password()));
    }

    @Test
    void missingTool_failsBeforeAnySnapshot() throws Exception {
        postgres.createDatabase("orders");
        Path empty = Files.createDirectories(folder.resolve("no-tools"));
        CliRunner cli = cli("postgresql", postgres.port(), postgres.superuser(),
                postgres.password(), "");
        Files.writeString(folder.resolve("holdfast.yaml"), Files.readString(
                folder.resolve("holdfast.yaml")) .replace("      databases: [orders]",
                "      databases: [orders]\n      tools: " + empty));

        CliRunner.Result backup = cli.run("backup", "--source", "orders");

        assertThat(backup.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(backup.stderr()).contains("pg_dump").contains(empty.toString());
        assertThat(json(cli.run("snapshots", "--json"))).isEmpty();
    }

    private static JsonNode json(CliRunner.Result result) throws IOException {
        assertExit(result, ExitCodes.SUCCESS);
        return JSON.readTree(result.stdout());
    }

    private static void fill(String url, String user, String password, int rows)
            throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS shop CASCADE");
            statement.execute("CREATE SCHEMA shop");
            statement.execute("CREATE TABLE shop.items (id bigserial PRIMARY KEY, "
                    + "name text NOT NULL, price numeric(10,2) NOT NULL)");
            statement.execute("INSERT INTO shop.items (name, price) SELECT 'item ' || g || "
                    + "repeat('x', 20), g * 1.5 FROM generate_series(1, " + rows + ") g");
            statement.execute("CREATE TABLE public.notes (id int PRIMARY KEY, body text)");
            statement.execute("INSERT INTO public.notes VALUES (1, 'Grüße, naïve café')");
        }
    }

    private static void fillMariaDb(String url, String user, String password, int rows)
            throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE items (id bigint AUTO_INCREMENT PRIMARY KEY, "
                    + "name varchar(100) NOT NULL, price decimal(10,2) NOT NULL)");
            statement.execute("CREATE TABLE notes (id int PRIMARY KEY, body text) "
                    + "CHARACTER SET utf8mb4");
            statement.execute("INSERT INTO notes VALUES (1, 'Grüße, naïve café 🙂')");
            StringBuilder insert = new StringBuilder("INSERT INTO items (name, price) VALUES ");
            for (int i = 1; i <= rows; i++) {
                insert.append(i > 1 ? "," : "").append("('item ").append(i).append("', ")
                        .append(i * 1.5).append(')');
            }
            statement.execute(insert.toString());
        }
    }

    /** Returns the row counts and a checksum of the contents of both tables. */
    private static String summary(String url, String user, String password)
            throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            boolean postgres = url.startsWith("jdbc:postgresql");
            String items = postgres ? "shop.items" : "items";
            StringBuilder summary = new StringBuilder();
            for (String query : new String[] {"SELECT count(*), sum(price), max(id) FROM "
                    + items, "SELECT count(*), max(body) FROM notes"}) {
                try (ResultSet rows = statement.executeQuery(query)) {
                    rows.next();
                    for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                        summary.append(rows.getString(i)).append('|');
                    }
                }
            }
            return summary.toString();
        }
    }
}
