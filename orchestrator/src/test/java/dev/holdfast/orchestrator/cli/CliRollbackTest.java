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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code holdfast rollback} against throwaway servers: a dry run changes nothing, a rollback
 * puts the rows back and keeps what was there, and a rollback killed before its swap leaves
 * the database as it was.
 */
class CliRollbackTest {
    private static final String PASSPHRASE = "rollback test passphrase";
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

    @Test
    void postgres_rollbackRestoresRowsAndKeepsDamage() throws Exception {
        String url = postgres.createDatabase("shop");
        JdbcDatabase db = new JdbcDatabase(url, postgres.superuser(), postgres.password());
        db.run("CREATE TABLE items (id int PRIMARY KEY, name text)",
                "INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 10000) g");
        CliRunner cli = cli("postgresql", postgres.port(), postgres.superuser(),
                postgres.password());
        String snapshot = json(cli.run("backup", "--source", "shop", "--json"))
                .get("snapshot_id").asText();
        db.run("DELETE FROM items WHERE id % 10 < 6", "INSERT INTO items VALUES (20001, 'new')");

        CliRunner.Result dryRun = cli.run("rollback", "shop", "--to", snapshot, "--dry-run");
        assertExit(dryRun, ExitCodes.SUCCESS);
        assertThat(dryRun.stdout()).contains("public.items", "4001", "10000", "dry run");
        assertThat(db.count("items")).isEqualTo(4001);

        JsonNode done = json(cli.run("rollback", "shop", "--to", snapshot, "--json"));

        assertThat(db.count("items")).isEqualTo(10_000);
        String kept = done.get("kept_database").asText();
        assertThat(kept).startsWith("shop_damaged_");
        JdbcDatabase damaged = new JdbcDatabase(postgres.jdbcUrl(kept), postgres.superuser(),
                postgres.password());
        assertThat(damaged.count("items")).isEqualTo(4001);
        String forensic = done.get("forensic_snapshot").asText();
        assertExit(cli.run("restore", forensic, "--into-database", "shop_forensic"),
                ExitCodes.SUCCESS);
        JdbcDatabase fromForensic = new JdbcDatabase(postgres.jdbcUrl("shop_forensic"),
                postgres.superuser(), postgres.password());
        assertThat(fromForensic.count("items")).isEqualTo(4001);
        assertThat(fromForensic.count("items WHERE id = 20001")).isEqualTo(1);
        JsonNode tags = snapshotTags(cli, forensic);
        assertThat(tags.toString()).contains("forensic");
        JsonNode latest = json(cli.run("rollback", "shop", "--to", "latest", "--dry-run",
                "--json"));
        assertThat(latest.get("snapshot").asText()).isEqualTo(snapshot);
        CliRunner.Result toForensic = cli.run("rollback", "shop", "--to", forensic);
        assertThat(toForensic.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(toForensic.stderr()).contains("is a forensic snapshot");
    }

    @Test
    void mariadb_rollbackRestoresRowsAndKeepsDamage() throws Exception {
        String url = mariadb.createDatabase("shop");
        JdbcDatabase db = new JdbcDatabase(url, mariadb.superuser(), mariadb.password());
        db.run("CREATE TABLE items (id int PRIMARY KEY, name varchar(40))");
        StringBuilder insert = new StringBuilder("INSERT INTO items VALUES ");
        for (int i = 1; i <= 3000; i++) {
            insert.append(i > 1 ? "," : "").append("(").append(i).append(",'item ").append(i)
                    .append("')");
        }
        db.run(insert.toString());
        CliRunner cli = cli("mariadb", mariadb.port(), mariadb.superuser(),
                mariadb.password());
        String snapshot = json(cli.run("backup", "--source", "shop", "--json"))
                .get("snapshot_id").asText();
        db.run("DELETE FROM items WHERE id > 1000");
        // A session with an open transaction keeps metadata locks that the swap would wait
        // for. The swap ends it, as the PostgreSQL swap ends the sessions of both databases.
        Connection open = DriverManager.getConnection(url, mariadb.superuser(),
                mariadb.password());
        open.setAutoCommit(false);
        try (Statement statement = open.createStatement()) {
            statement.execute("INSERT INTO items VALUES (5000, 'uncommitted')");
        }

        JsonNode done = json(cli.run("rollback", "shop", "--to", snapshot, "--json"));

        assertThat(open.isValid(2)).isFalse();
        open.close();
        assertThat(db.count("items")).isEqualTo(3000);
        JdbcDatabase damaged = new JdbcDatabase(mariadb.jdbcUrl(done.get("kept_database").asText()),
                mariadb.superuser(), mariadb.password());
        assertThat(damaged.count("items")).isEqualTo(1000);
    }

    @Test
    void killedBeforeSwap_leavesDatabaseAsItWas() throws Exception {
        String url = postgres.createDatabase("big");
        JdbcDatabase db = new JdbcDatabase(url, postgres.superuser(), postgres.password());
        db.run("CREATE TABLE items (id int PRIMARY KEY, body text)",
                "INSERT INTO items SELECT g, md5(g::text) || repeat('y', 200) "
                        + "FROM generate_series(1, 400000) g");
        CliRunner cli = cli("postgresql", postgres.port(), postgres.superuser(),
                postgres.password());
        Files.writeString(folder.resolve("holdfast.yaml"), Files.readString(
                folder.resolve("holdfast.yaml")).replace("databases: [shop]",
                "databases: [big]"));
        String snapshot = json(cli.run("backup", "--source", "shop", "--json"))
                .get("snapshot_id").asText();
        db.run("DELETE FROM items WHERE id > 100");

        Process rollback = startRollback(snapshot);
        try {
            awaitDatabase("big_hfrestore_", rollback);
            rollback.destroyForcibly().waitFor();
        } finally {
            rollback.destroyForcibly();
        }

        assertThat(db.count("items")).isEqualTo(100);
        assertThat(databases("big_hfrestore_")).isNotEmpty();
        // pg_restore outlives the killed process until its input ends. A leftover in use is
        // left alone, so the next rollback drops it only once that session is gone.
        awaitUnused("big_hfrestore_");
        assertExit(cli.run("rollback", "shop", "--to", snapshot), ExitCodes.SUCCESS);
        assertThat(db.count("items")).isEqualTo(400_000);
        assertThat(databases("big_hfrestore_")).isEmpty();
    }

    @Test
    void interruptedRestore_dropsItsTargetAndExits130() throws Exception {
        String url = postgres.createDatabase("large");
        JdbcDatabase db = new JdbcDatabase(url, postgres.superuser(), postgres.password());
        db.run("CREATE TABLE items (id int PRIMARY KEY, body text)",
                "INSERT INTO items SELECT g, md5(g::text) || repeat('z', 300) "
                        + "FROM generate_series(1, 400000) g");
        CliRunner cli = cli("postgresql", postgres.port(), postgres.superuser(),
                postgres.password());
        Files.writeString(folder.resolve("holdfast.yaml"), Files.readString(
                folder.resolve("holdfast.yaml")).replace("databases: [shop]",
                "databases: [large]"));
        assertExit(cli.run("backup", "--source", "shop"), ExitCodes.SUCCESS);

        Process restore = start("restore", "latest", "--into-database", "large_copy");
        try {
            awaitDatabase("large_copy", restore);
            new ProcessBuilder("kill", "-INT", Long.toString(restore.pid())).start().waitFor();

            assertThat(restore.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(restore.exitValue()).isEqualTo(ExitCodes.INTERRUPTED);
        } finally {
            restore.destroyForcibly();
        }
        awaitUnused("large_copy");
        assertThat(databases("large_copy")).isEmpty();
    }

    private Process startRollback(String snapshot) throws IOException {
        return start("rollback", "shop", "--to", snapshot);
    }

    private Process start(String... command) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path"));
        List<String> arguments = new ArrayList<>(List.of(java,
                "--enable-native-access=ALL-UNNAMED", "-cp", classPath,
                Holdfast.class.getName(), "--config", "holdfast.yaml"));
        arguments.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(arguments).directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("rollback.log").toFile());
        builder.environment().putAll(Map.of("HOLDFAST_PASSPHRASE", PASSPHRASE,
                "SHOP_DB_PASSWORD", postgres.password()));
        return builder.start();
    }

    private void awaitDatabase(String prefix, Process process) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!databases(prefix).isEmpty()) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("holdfast exited with " + process.exitValue()
                        + " before creating its restore database:\n"
                        + Files.readString(folder.resolve("rollback.log")));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no restore database appeared within 60 s");
    }

    private static void awaitUnused(String prefix) throws Exception {
        JdbcDatabase server = new JdbcDatabase(postgres.jdbcUrl("postgres"), postgres.superuser(),
                postgres.password());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (server.strings("SELECT count(*) FROM pg_stat_activity WHERE datname LIKE '"
                    + prefix + "%'").getFirst().equals("0")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the leftover restore database is still in use after 60 s");
    }

    private static List<String> databases(String prefix) throws SQLException {
        JdbcDatabase server = new JdbcDatabase(postgres.jdbcUrl("postgres"), postgres.superuser(),
                postgres.password());
        return server.strings("SELECT datname FROM pg_database WHERE datname LIKE '"
                + prefix + "%'");
    }

    private CliRunner cli(String kind, int port, String user, String password)
            throws IOException {
        Files.writeString(folder.resolve("holdfast.yaml"), """
                repository:
                  providers: [local]
                  chunker: { min: 64KiB, average: 256KiB, max: 1MiB }
                providers:
                  - { name: local, driver: filesystem, path: ./repo }
                sources:
                  - name: shop
                    %s:
                      port: %d
                      user: %s
                      password-env: SHOP_DB_PASSWORD
                      databases: [shop]
                """.formatted(kind, port, user));
        CliRunner cli = new CliRunner(folder).env("HOLDFAST_PASSPHRASE", PASSPHRASE)
                .env("SHOP_DB_PASSWORD", password);
        assertExit(cli.run("init"), ExitCodes.SUCCESS);
        return cli;
    }

    private static JsonNode snapshotTags(CliRunner cli, String id) throws IOException {
        for (JsonNode snapshot : json(cli.run("snapshots", "--json"))) {
            if (snapshot.get("id").asText().equals(id)) {
                return snapshot.get("tags");
            }
        }
        throw new AssertionError("snapshot " + id + " not listed");
    }

    private static JsonNode json(CliRunner.Result result) throws IOException {
        assertExit(result, ExitCodes.SUCCESS);
        return JSON.readTree(result.stdout());
    }
}
