package dev.holdfast.orchestrator.database;

import static dev.holdfast.orchestrator.database.TestDatabases.postgres;
import static dev.holdfast.orchestrator.database.TestDatabases.query;
import static dev.holdfast.orchestrator.database.TestDatabases.readAll;
import static dev.holdfast.orchestrator.database.TestDatabases.single;
import static dev.holdfast.orchestrator.database.TestDatabases.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.orchestrator.catalog.PostgresExtension;
import dev.holdfast.orchestrator.catalog.PostgresServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Failures, swaps and readings of PostgreSQL databases on a throwaway server. */
@ExtendWith(PostgresExtension.class)
class PostgresOperationsTest {
    private static final String LIMITED_PASSWORD = "Pw-secret-8731";

    @Test
    void dump_toolFails_closeNamesToolWithoutPassword(PostgresServer server) throws Exception {
        server.createDatabase("guarded");
        sql(postgres(server, "postgres"), "CREATE ROLE hf_limited LOGIN PASSWORD '"
                + LIMITED_PASSWORD + "'");
        // The table's name is the password, so that pg_dump's error message contains it.
        sql(postgres(server, "guarded"), "CREATE TABLE \"" + LIMITED_PASSWORD + "\" (x int)");
        ConnectionSettings limited = new ConnectionSettings(DatabaseKind.POSTGRESQL,
                "127.0.0.1", postgres(server, "guarded").port(), "hf_limited", "guarded",
                LIMITED_PASSWORD::toCharArray, Optional.empty());
        DumpStream dump = DatabaseDumps.open(limited, new DumpOptions(List.of(), 0)).get(2);
        InputStream stream = dump.open();
        stream.readAllBytes();

        assertThatThrownBy(stream::close).isInstanceOf(IOException.class)
                .hasMessageContaining("pg_dump of database \"guarded\" failed (exit status 1)")
                .hasMessageContaining("permission denied")
                .hasMessageNotContaining(LIMITED_PASSWORD);
    }

    @Test
    void dump_closedBeforeEnd_stopsToolAndFails(PostgresServer server) throws Exception {
        server.createDatabase("early");
        sql(postgres(server, "early"), "CREATE TABLE t AS SELECT g, md5(g::text) FROM "
                + "generate_series(1, 200000) g");
        List<DumpStream> streams = DatabaseDumps.open(postgres(server, "early"));
        InputStream stream = streams.get(2).open();
        stream.readNBytes(100);

        assertThatThrownBy(stream::close).isInstanceOf(IOException.class)
                .hasMessageContaining("pg_dump of database \"early\"")
                .hasMessageContaining("closed before the end");
        assertThat(single(postgres(server, "early"), "SELECT count(*) FROM pg_stat_activity "
                + "WHERE datname = 'early' AND pid <> pg_backend_pid()")).isEqualTo("0");
    }

    @Test
    void tables_openedBeforeDump_rejected(PostgresServer server) throws Exception {
        server.createDatabase("unordered");
        List<DumpStream> streams = DatabaseDumps.open(postgres(server, "unordered"));

        assertThatThrownBy(() -> streams.get(3).open())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("open the streams in list order");
    }

    @Test
    void restore_rolesMissing_dropsOwnersUntilGlobalsRestored(PostgresServer server)
            throws Exception {
        server.createDatabase("owned");
        sql(postgres(server, "postgres"), "CREATE ROLE hf_app");
        sql(postgres(server, "owned"), "CREATE TABLE t (x int)", "ALTER TABLE t OWNER TO hf_app",
                "INSERT INTO t VALUES (1)");
        Map<String, byte[]> files = readAll(DatabaseDumps.open(postgres(server, "owned")));
        DatabaseInfo info = DatabaseInfo.parse(files.get("owned/database.json"));
        Path binaries = PostgresServer.binaries().orElseThrow();
        try (PostgresServer other = PostgresServer.start(binaries)) {
            DatabaseRestorer restorer = new DatabaseRestorer(postgres(other, "postgres"));

            RestoreResult first = restorer.restore(info, stream(files, "owned/dump.custom"),
                    RestoreOptions.into("owned_a"));
            restorer.restoreGlobals(stream(files, "globals.sql"));
            RestoreResult second = restorer.restore(info, stream(files, "owned/dump.custom"),
                    RestoreOptions.into("owned_b"));

            assertThat(first.ownersKept()).isFalse();
            assertThat(first.missingRoles()).containsExactly("hf_app");
            assertThat(owner(other, "owned_a")).isEqualTo(PostgresServer.USER);
            assertThat(second.ownersKept()).isTrue();
            assertThat(owner(other, "owned_b")).isEqualTo("hf_app");
        }
    }

    @Test
    void restore_existingTarget_rejectedUnlessReplace(PostgresServer server) throws Exception {
        server.createDatabase("target_src");
        server.createDatabase("target_busy");
        sql(postgres(server, "target_src"), "CREATE TABLE t AS SELECT 1 AS x");
        sql(postgres(server, "target_busy"), "CREATE TABLE other (y int)");
        Map<String, byte[]> files = readAll(DatabaseDumps.open(postgres(server, "target_src")));
        DatabaseInfo info = DatabaseInfo.parse(files.get("target_src/database.json"));
        DatabaseRestorer restorer = new DatabaseRestorer(postgres(server, "postgres"));

        assertThatThrownBy(() -> restorer.restore(info, stream(files, "target_src/dump.custom"),
                RestoreOptions.into("target_busy"))).isInstanceOf(DatabaseException.class)
                .hasMessageContaining("\"target_busy\" already exists")
                .hasMessageContaining("--replace");
        restorer.restore(info, stream(files, "target_src/dump.custom"),
                new RestoreOptions("target_busy", true, 1));
        assertThat(query(postgres(server, "target_busy"), "SELECT relname FROM pg_class "
                + "WHERE relname IN ('t', 'other')")).containsExactly(List.of("t"));
    }

    @Test
    void restore_killedHalfway_leavesOriginalAndNoTarget(PostgresServer server)
            throws Exception {
        server.createDatabase("precious");
        ConnectionSettings precious = postgres(server, "precious");
        sql(precious, "CREATE TABLE t AS SELECT g, md5(g::text) AS h FROM "
                + "generate_series(1, 20000) g");
        Map<String, byte[]> files = readAll(DatabaseDumps.open(precious));
        DatabaseInfo info = DatabaseInfo.parse(files.get("precious/database.json"));
        List<List<String>> before = query(precious, "SELECT count(*), sum(g) FROM t");
        KillingStream dump = new KillingStream(files.get("precious/dump.custom"), "pg_restore");

        assertThatThrownBy(() -> new DatabaseRestorer(postgres(server, "postgres"))
                .restore(info, dump, RestoreOptions.into("precious_new")))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("pg_restore into database \"precious_new\" failed");
        assertThat(dump.killed()).isTrue();
        assertThat(query(precious, "SELECT count(*), sum(g) FROM t")).isEqualTo(before);
        assertThat(query(precious, "SELECT 1 FROM pg_database WHERE datname = "
                + "'precious_new'")).isEmpty();
    }

    @Test
    void swap_restoredTakesNameAndDamagedIsKept(PostgresServer server) throws Exception {
        server.createDatabase("ledger");
        server.createDatabase("ledger_restored");
        sql(postgres(server, "ledger"), "CREATE TABLE t AS SELECT 'damaged' AS state");
        sql(postgres(server, "ledger_restored"), "CREATE TABLE t AS SELECT 'restored' AS state");
        try (var session = Jdbc.connect(postgres(server, "ledger"))) {
            String kept = DatabaseSwap.swap(postgres(server, "postgres"), "ledger",
                    "ledger_restored", "20250101t1200");

            assertThat(kept).isEqualTo("ledger_damaged_20250101t1200");
            assertThat(single(postgres(server, "ledger"), "SELECT state FROM t"))
                    .isEqualTo("restored");
            assertThat(single(postgres(server, kept), "SELECT state FROM t"))
                    .isEqualTo("damaged");
            assertThat(session.isValid(2)).as("session of the damaged database ended").isFalse();
        }
        assertThat(query(postgres(server, "postgres"), "SELECT 1 FROM pg_database "
                + "WHERE datname = 'ledger_restored'")).isEmpty();
    }

    @Test
    void swap_keptNameTaken_changesNothing(PostgresServer server) throws Exception {
        server.createDatabase("books");
        server.createDatabase("books_new");
        server.createDatabase("books_damaged_x1");

        assertThatThrownBy(() -> DatabaseSwap.swap(postgres(server, "postgres"), "books",
                "books_new", "x1")).isInstanceOf(DatabaseException.class)
                .hasMessageContaining("\"books_damaged_x1\" already exists");
        assertThat(query(postgres(server, "postgres"), "SELECT datname, datallowconn FROM "
                + "pg_database WHERE datname LIKE 'books%' ORDER BY 1")).containsExactly(
                        List.of("books", "t"), List.of("books_damaged_x1", "t"),
                        List.of("books_new", "t"));
    }

    private static InputStream stream(Map<String, byte[]> files, String name) {
        return new ByteArrayInputStream(files.get(name));
    }

    private static String owner(PostgresServer server, String database) throws Exception {
        return single(postgres(server, database),
                "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 't'");
    }
}
