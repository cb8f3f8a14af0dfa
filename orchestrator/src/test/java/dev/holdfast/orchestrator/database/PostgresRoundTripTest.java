package dev.holdfast.orchestrator.database;

import static dev.holdfast.orchestrator.database.TestDatabases.postgres;
import static dev.holdfast.orchestrator.database.TestDatabases.query;
import static dev.holdfast.orchestrator.database.TestDatabases.readAll;
import static dev.holdfast.orchestrator.database.TestDatabases.single;
import static dev.holdfast.orchestrator.database.TestDatabases.sql;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.orchestrator.catalog.PostgresExtension;
import dev.holdfast.orchestrator.catalog.PostgresServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Dumps PostgreSQL databases on a throwaway server and restores them into new databases,
 * then compares schema, contents, sequences, large objects and locale.
 */
@ExtendWith(PostgresExtension.class)
class PostgresRoundTripTest {
    private static final String SHOP = "shop";
    private static final long LIMIT = TableStatistics.DEFAULT_EXACT_COUNT_LIMIT;
    private static final List<String> COMPARED = List.of(
            "SELECT id, customer, total, note FROM sales.orders ORDER BY id",
            "SELECT sku, qty, digest FROM stock.items ORDER BY sku",
            "SELECT last_value, is_called FROM stock.counter",
            "SELECT last_value, is_called FROM sales.orders_id_seq",
            "SELECT extname FROM pg_extension ORDER BY 1",
            "SELECT nspname FROM pg_namespace WHERE nspname IN ('sales', 'stock') ORDER BY 1",
            "SELECT pg_get_userbyid(lomowner), lomacl::text, obj_description(oid, "
                    + "'pg_largeobject'), encode(lo_get(oid), 'escape') "
                    + "FROM pg_largeobject_metadata ORDER BY oid",
            "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'orders'");

    @BeforeAll
    static void createShop(PostgresServer server) throws Exception {
        server.createDatabase(SHOP);
        ConnectionSettings postgres = postgres(server, "postgres");
        sql(postgres, "CREATE ROLE hf_owner", "CREATE ROLE hf_reader");
        ConnectionSettings shop = postgres(server, SHOP);
        String extension = single(shop, "SELECT name FROM pg_available_extensions "
                + "WHERE name IN ('citext', 'hstore', 'pgcrypto') ORDER BY name LIMIT 1");
        assertThat(extension).as("an extension to restore").isEqualTo("citext");
        sql(shop, "CREATE EXTENSION citext",
                "CREATE SCHEMA sales", "CREATE SCHEMA stock",
                "CREATE TABLE sales.orders (id bigserial PRIMARY KEY, customer citext NOT NULL,"
                        + " total numeric(10, 2), note text)",
                "INSERT INTO sales.orders (customer, total, note) SELECT 'Customer ' || g, "
                        + "g * 1.25, 'Grüße 🎉 ' || g FROM generate_series(1, 200) g",
                "SELECT setval('sales.orders_id_seq', 5000)",
                "ALTER TABLE sales.orders OWNER TO hf_owner",
                "CREATE TABLE stock.items (sku text PRIMARY KEY, qty int, digest bytea)",
                "INSERT INTO stock.items SELECT 'sku-' || g, g, decode(md5(g::text), 'hex') "
                        + "FROM generate_series(1, 50) g",
                "CREATE SEQUENCE stock.counter START 1000 INCREMENT 7",
                "SELECT setval('stock.counter', 123456789, false)",
                "SELECT lo_from_bytea(0, 'scanned invoice \\000\\001 bytes'::bytea)",
                "DO $$ DECLARE o oid; BEGIN SELECT oid INTO o FROM pg_largeobject_metadata; "
                        + "EXECUTE format('ALTER LARGE OBJECT %s OWNER TO hf_owner', o); "
                        + "EXECUTE format('GRANT SELECT ON LARGE OBJECT %s TO hf_reader', o); "
                        + "EXECUTE format('COMMENT ON LARGE OBJECT %s IS ''invoice scan''', o);"
                        + " END $$");
    }

    @Test
    void restore_streamed_matchesSource(PostgresServer server) throws Exception {
        Map<String, byte[]> files = dump(server, SHOP, LIMIT);

        RestoreResult result = restore(server, files, SHOP, RestoreOptions.into("shop_copy"));

        assertThat(result.ownersKept()).isTrue();
        assertThat(result.missingRoles()).isEmpty();
        assertSameContents(server, SHOP, "shop_copy");
        assertThat(schemaOnly(server, "shop_copy")).isEqualTo(schemaOnly(server, SHOP));
    }

    @Test
    void restore_parallelJobs_matchesSource(PostgresServer server) throws Exception {
        Map<String, byte[]> files = dump(server, SHOP, LIMIT);

        restore(server, files, SHOP, new RestoreOptions("shop_jobs", false, 2));

        assertSameContents(server, SHOP, "shop_jobs");
    }

    @Test
    void dump_writesLayoutAndDescription(PostgresServer server) throws Exception {
        Map<String, byte[]> files = dump(server, SHOP, LIMIT);

        assertThat(files.keySet()).containsExactly("globals.sql", "shop/database.json",
                "shop/dump.custom", "shop/tables.json");
        assertThat(new String(files.get("globals.sql"), StandardCharsets.UTF_8))
                .contains("CREATE ROLE hf_owner");
        assertThat(new String(files.get("shop/dump.custom"), 0, 5, StandardCharsets.US_ASCII))
                .isEqualTo("PGDMP");
        DatabaseInfo info = DatabaseInfo.parse(files.get("shop/database.json"));
        assertThat(info.encoding()).contains("UTF8");
        assertThat(info.extensions()).extracting(DatabaseInfo.Extension::name)
                .contains("citext", "plpgsql");
        assertThat(info.roles()).contains("hf_owner", "hf_reader", PostgresServer.USER);
        assertThat(info.dumpTool()).isEqualTo("pg_dump");
        assertThat(info.dumpToolVersion()).matches("\\d+(\\.\\d+)?");
    }

    @Test
    void tables_exactBelowLimit(PostgresServer server) throws Exception {
        Map<String, byte[]> files = dump(server, SHOP, LIMIT);

        TableStatistics statistics = TableStatistics.parse(files.get("shop/tables.json"));

        assertThat(statistics.sameSnapshot()).isTrue();
        assertThat(statistics.tables()).extracting(TableCount::schema, TableCount::name,
                TableCount::rows, TableCount::exact).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("sales", "orders", 200L, true),
                        org.assertj.core.groups.Tuple.tuple("stock", "items", 50L, true));
        assertThat(statistics.tables()).allSatisfy(t -> assertThat(t.totalBytes()).isPositive());
    }

    @Test
    void tables_limitZero_estimates(PostgresServer server) throws Exception {
        Map<String, byte[]> files = dump(server, SHOP, 0);

        TableStatistics statistics = TableStatistics.parse(files.get("shop/tables.json"));

        assertThat(statistics.tables()).hasSize(2).noneMatch(TableCount::exact);
    }

    @Test
    void restore_latin1CollationC_keepsEncoding(PostgresServer server) throws Exception {
        ConnectionSettings postgres = postgres(server, "postgres");
        sql(postgres, "CREATE DATABASE latin TEMPLATE template0 ENCODING 'LATIN1' "
                + "LC_COLLATE 'C' LC_CTYPE 'C'");
        ConnectionSettings latin = postgres(server, "latin");
        sql(latin, "CREATE TABLE words (w text)",
                "INSERT INTO words VALUES ('café'), ('Ærø'), ('naïve'), ('zebra'), ('Zebra')");
        Map<String, byte[]> files = dump(server, "latin", LIMIT);

        restore(server, files, "latin", RestoreOptions.into("latin_copy"));

        ConnectionSettings copy = postgres(server, "latin_copy");
        String locale = "SELECT pg_encoding_to_char(encoding), datcollate, datctype "
                + "FROM pg_database WHERE datname = current_database()";
        assertThat(query(copy, locale)).containsExactly(List.of("LATIN1", "C", "C"));
        String words = "SELECT w FROM words ORDER BY w";
        assertThat(query(copy, words)).isEqualTo(query(latin, words))
                .extracting(List::getFirst).startsWith("Zebra", "café");
    }

    @Test
    void restore_settingsCommentAndGrants_applied(PostgresServer server) throws Exception {
        ConnectionSettings postgres = postgres(server, "postgres");
        sql(postgres, "CREATE DATABASE props", "CREATE ROLE hf_app", "CREATE ROLE hf_gone",
                "CREATE ROLE \"hf_q\"\"uote\"", "CREATE ROLE hf_gone_grant",
                "ALTER DATABASE props SET work_mem = '12MB'",
                "ALTER DATABASE props SET search_path = \"$user\", public, \"Odd, \"\"name\"",
                "ALTER DATABASE props SET myapp.tenant = 'north'",
                "ALTER ROLE hf_app IN DATABASE props SET statement_timeout = '5s'",
                "ALTER ROLE hf_gone IN DATABASE props SET lock_timeout = '1s'",
                "ALTER DATABASE props SET default_transaction_read_only = on",
                "COMMENT ON DATABASE props IS 'billing''s \\copy'",
                "REVOKE ALL ON DATABASE props FROM PUBLIC",
                "GRANT CONNECT ON DATABASE props TO hf_app WITH GRANT OPTION",
                "GRANT CONNECT, TEMPORARY ON DATABASE props TO \"hf_q\"\"uote\"",
                "GRANT TEMPORARY ON DATABASE props TO hf_gone_grant");
        Map<String, byte[]> files = dump(server, "props", LIMIT);
        // Dropping a role also drops its setting, so the source is left with the others.
        sql(postgres, "DROP ROLE hf_gone",
                "REVOKE ALL ON DATABASE props FROM hf_gone_grant", "DROP ROLE hf_gone_grant");

        RestoreResult result = restore(server, files, "props", RestoreOptions.into("props_copy"));

        assertThat(result.ignoredErrors()).hasSize(2)
                .anySatisfy(line -> assertThat(line).contains("lock_timeout", "hf_gone",
                        "not restored"))
                .anySatisfy(line -> assertThat(line).contains("TEMPORARY", "hf_gone_grant",
                        "not restored"));
        assertThat(properties(server, "props_copy")).isEqualTo(properties(server, "props"))
                .anyMatch(row -> row.contains("search_path=\"$user\", public, \"Odd, \"\"name\""))
                .contains(List.of("comment", "billing's \\copy"))
                .contains(List.of("grant", "hf_app", "CONNECT", "true"))
                .contains(List.of("grant", "hf_q\"uote", "TEMPORARY", "false"))
                .noneMatch(row -> row.contains("PUBLIC"));
    }

    @Test
    void restore_defaultPrivileges_stayDefault(PostgresServer server) throws Exception {
        Map<String, byte[]> files = dump(server, SHOP, LIMIT);

        restore(server, files, SHOP, RestoreOptions.into("shop_default_acl"));

        assertThat(single(postgres(server, "postgres"), "SELECT (datacl IS NULL)::text "
                + "FROM pg_database WHERE datname = 'shop_default_acl'")).isEqualTo("true");
    }

    /** Returns a database's settings, comment and privileges, one row each. */
    private static List<List<String>> properties(PostgresServer server, String database)
            throws Exception {
        ConnectionSettings postgres = postgres(server, "postgres");
        String oid = "(SELECT oid FROM pg_database WHERE datname = '" + database + "')";
        List<List<String>> rows = new java.util.ArrayList<>(query(postgres,
                "SELECT 'setting', coalesce(r.rolname, '*'), c.setting "
                + "FROM pg_db_role_setting s LEFT JOIN pg_roles r ON r.oid = s.setrole "
                + "CROSS JOIN LATERAL unnest(s.setconfig) c(setting) "
                + "WHERE s.setdatabase = " + oid + " ORDER BY 2, 3"));
        rows.addAll(query(postgres, "SELECT 'comment', shobj_description(" + oid
                + ", 'pg_database')"));
        rows.addAll(query(postgres, "SELECT 'grant', CASE WHEN a.grantee = 0 THEN 'PUBLIC' "
                + "ELSE pg_get_userbyid(a.grantee) END, a.privilege_type, a.is_grantable::text "
                + "FROM pg_database d CROSS JOIN LATERAL aclexplode(d.datacl) a "
                + "WHERE d.oid = " + oid + " ORDER BY 2, 3"));
        return rows;
    }

    private static Map<String, byte[]> dump(PostgresServer server, String database,
            long exactLimit) throws Exception {
        DumpOptions options = new DumpOptions(List.of(database), exactLimit);
        return readAll(DatabaseDumps.open(postgres(server, "postgres"), options));
    }

    static RestoreResult restore(PostgresServer server, Map<String, byte[]> files,
            String database, RestoreOptions options) throws Exception {
        DatabaseInfo info = DatabaseInfo.parse(files.get(database + "/database.json"));
        DatabaseRestorer restorer = new DatabaseRestorer(postgres(server, "postgres"));
        return restorer.restore(info, new ByteArrayInputStream(files.get(database + "/"
                + info.dumpFile())), options);
    }

    private static void assertSameContents(PostgresServer server, String source, String copy)
            throws Exception {
        for (String sql : COMPARED) {
            assertThat(query(postgres(server, copy), sql)).as(sql)
                    .isEqualTo(query(postgres(server, source), sql)).isNotEmpty();
        }
    }

    /**
     * Returns pg_dump --schema-only of {@code database}, the reference for its schema, less
     * the \restrict lines whose key pg_dump draws at random on each run.
     */
    static String schemaOnly(PostgresServer server, String database) throws Exception {
        ConnectionSettings settings = postgres(server, database);
        ClientTools tools = ClientTools.locate(settings);
        List<String> arguments = new java.util.ArrayList<>(
                PostgresDumps.connectionArguments(settings));
        arguments.addAll(List.of("--schema-only", "--dbname=" + database));
        ToolProcess process = ToolProcess.start("pg_dump --schema-only",
                tools.path(ClientTool.PG_DUMP), arguments, settings);
        try (var output = new ToolOutputStream(process, () -> { })) {
            return new String(output.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("\\restrict")
                            && !line.startsWith("\\unrestrict"))
                    .collect(java.util.stream.Collectors.joining("\n"));
        }
    }
}
