package dev.holdfast.orchestrator.database;

import dev.holdfast.orchestrator.guard.TableReading;
import static dev.holdfast.orchestrator.database.TestDatabases.dropMariaDb;
import static dev.holdfast.orchestrator.database.TestDatabases.mariadb;
import static dev.holdfast.orchestrator.database.TestDatabases.query;
import static dev.holdfast.orchestrator.database.TestDatabases.readAll;
import static dev.holdfast.orchestrator.database.TestDatabases.single;
import static dev.holdfast.orchestrator.database.TestDatabases.sql;
import static dev.holdfast.orchestrator.database.TestDatabases.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dumps, restores, polls and swaps MariaDB databases on the machine's server at
 * 127.0.0.1:3306, in databases with unique names that each test drops afterwards.
 */
class MariaDbTest {
    private static final String TEXT = "Grüße 🎉 ñ 漢字";
    private static final List<String> COMPARED = List.of(
            "SELECT id, name, HEX(photo) FROM customers ORDER BY id",
            "SELECT customer_id, message FROM audit ORDER BY customer_id",
            "SELECT ROUTINE_TYPE, ROUTINE_NAME FROM information_schema.ROUTINES "
                    + "WHERE ROUTINE_SCHEMA = DATABASE()",
            "SELECT TRIGGER_NAME, ACTION_STATEMENT FROM information_schema.TRIGGERS "
                    + "WHERE TRIGGER_SCHEMA = DATABASE()",
            "SELECT EVENT_NAME, EVENT_DEFINITION FROM information_schema.EVENTS "
                    + "WHERE EVENT_SCHEMA = DATABASE()",
            "SELECT TABLE_NAME FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()",
            "SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM "
                    + "information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE()",
            "SELECT customer_count()");

    private final List<String> created = new ArrayList<>();
    private String source;

    @BeforeEach
    void createSource() throws Exception {
        source = database("hf_src");
        sql(mariadb(""), "CREATE DATABASE `" + source + "` CHARACTER SET utf8mb4 "
                + "COLLATE utf8mb4_unicode_ci");
        sql(mariadb(source),
                "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(100), photo BLOB)",
                "CREATE TABLE audit (customer_id INT, message VARCHAR(200))",
                "CREATE TRIGGER customers_audit AFTER INSERT ON customers FOR EACH ROW "
                        + "INSERT INTO audit VALUES (NEW.id, CONCAT('added ', NEW.name))",
                "CREATE FUNCTION customer_count() RETURNS INT READS SQL DATA "
                        + "RETURN (SELECT COUNT(*) FROM customers)",
                "CREATE EVENT purge_audit ON SCHEDULE EVERY 1 DAY DO DELETE FROM audit "
                        + "WHERE customer_id < 0",
                "CREATE VIEW named AS SELECT id, name FROM customers",
                "INSERT INTO customers VALUES (1, '" + TEXT + "', X'00FF10'), "
                        + "(2, 'plain', NULL), (3, '" + TEXT + " 3', X'DEADBEEF')");
    }

    @AfterEach
    void dropDatabases() throws Exception {
        dropMariaDb(created.toArray(String[]::new));
    }

    @Test
    void restore_roundTrip_keepsObjectsAndText() throws Exception {
        Map<String, byte[]> files = readAll(DatabaseDumps.open(mariadb(source)));
        String copy = database("hf_copy");

        RestoreResult result = restore(files, copy, false);

        assertThat(result.database()).isEqualTo(copy);
        assertThat(files.keySet()).containsExactly(source + "/database.json",
                source + "/dump.sql", source + "/tables.json");
        for (String sql : COMPARED) {
            assertThat(query(mariadb(copy), sql)).as(sql)
                    .isEqualTo(query(mariadb(source), sql)).isNotEmpty();
        }
        assertThat(single(mariadb(copy), "SELECT name FROM customers WHERE id = 1"))
                .isEqualTo(TEXT);
    }

    @Test
    void dump_describesDatabase() throws Exception {
        Map<String, byte[]> files = readAll(DatabaseDumps.open(mariadb(source)));

        DatabaseInfo info = DatabaseInfo.parse(files.get(source + "/database.json"));

        assertThat(info.kind()).isEqualTo(DatabaseKind.MARIADB);
        assertThat(info.characterSet()).contains("utf8mb4");
        assertThat(info.collation()).contains("utf8mb4_unicode_ci");
        assertThat(info.serverVersion()).contains("MariaDB");
        assertThat(info.dumpTool()).isIn("mariadb-dump", "mysqldump");
    }

    @Test
    void tables_exactOrEstimated() throws Exception {
        var exact = TableStatistics.parse(readAll(DatabaseDumps.open(mariadb(source)))
                .get(source + "/tables.json"));
        var estimated = TableStatistics.parse(readAll(DatabaseDumps.open(mariadb(source),
                new DumpOptions(List.of(), 0))).get(source + "/tables.json"));

        assertThat(exact.sameSnapshot()).isFalse();
        assertThat(exact.tables()).extracting(TableCount::name, TableCount::rows,
                TableCount::exact).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("audit", 3L, true),
                        org.assertj.core.groups.Tuple.tuple("customers", 3L, true));
        assertThat(estimated.tables()).hasSize(2).noneMatch(TableCount::exact);
    }

    @Test
    void poller_readsRowsAndDroppedTableDisappears() throws Exception {
        sql(mariadb(source), "DELETE FROM customers WHERE id = 2", "DROP TABLE audit");

        List<TableReading> readings = StatisticsPoller.read(mariadb(source));

        assertThat(readings).containsExactly(
                new TableReading(source, "customers", 2, true, -1, -1));
    }

    @Test
    void restore_nonEmptyTarget_rejectedUnlessReplace() throws Exception {
        Map<String, byte[]> files = readAll(DatabaseDumps.open(mariadb(source)));
        String busy = database("hf_busy");
        sql(mariadb(""), "CREATE DATABASE `" + busy + "`");
        sql(mariadb(busy), "CREATE TABLE other (x INT)");

        assertThatThrownBy(() -> restore(files, busy, false))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("\"" + busy + "\" already exists");
        restore(files, busy, true);
        assertThat(query(mariadb(busy), "SHOW TABLES")).extracting(List::getFirst)
                .containsExactly("audit", "customers", "named");
    }

    @Test
    void restore_killedHalfway_leavesOriginalAndNoTarget() throws Exception {
        StringBuilder rows = new StringBuilder("INSERT INTO audit VALUES ");
        for (int i = 0; i < 20000; i++) {
            rows.append(i == 0 ? "" : ",").append("(").append(i).append(", 'row ").append(i)
                    .append(" ").append(TEXT).append("')");
        }
        sql(mariadb(source), rows.toString());
        Map<String, byte[]> files = readAll(DatabaseDumps.open(mariadb(source)));
        DatabaseInfo info = DatabaseInfo.parse(files.get(source + "/database.json"));
        String copy = database("hf_killed");
        List<List<String>> before = query(mariadb(source), "SELECT COUNT(*) FROM audit");
        KillingStream dump = new KillingStream(files.get(source + "/dump.sql"), "mariadb");

        assertThatThrownBy(() -> new DatabaseRestorer(mariadb("")).restore(info, dump,
                RestoreOptions.into(copy))).isInstanceOf(DatabaseException.class)
                .hasMessageContaining("loading database \"" + copy + "\" failed");
        assertThat(dump.killed()).isTrue();
        assertThat(query(mariadb(source), "SELECT COUNT(*) FROM audit")).isEqualTo(before);
        assertThat(query(mariadb(""), "SELECT 1 FROM information_schema.SCHEMATA "
                + "WHERE SCHEMA_NAME = '" + copy + "'")).isEmpty();
    }

    @Test
    void swap_movesTablesAndObjects() throws Exception {
        Map<String, byte[]> files = readAll(DatabaseDumps.open(mariadb(source)));
        String restored = database("hf_rest");
        restore(files, restored, false);
        sql(mariadb(source), "DELETE FROM customers", "DROP TABLE audit");
        created.add(source + "_damaged_t1");

        String kept = DatabaseSwap.swap(mariadb(""), source, restored, "t1");

        assertThat(kept).isEqualTo(source + "_damaged_t1");
        assertThat(single(mariadb(source), "SELECT COUNT(*) FROM customers")).isEqualTo("3");
        assertThat(single(mariadb(source), "SELECT customer_count()")).isEqualTo("3");
        assertThat(single(mariadb(source), "SELECT COUNT(*) FROM named")).isEqualTo("3");
        sql(mariadb(source), "INSERT INTO customers VALUES (4, 'after swap', NULL)");
        assertThat(single(mariadb(source), "SELECT message FROM audit WHERE customer_id = 4"))
                .isEqualTo("added after swap");
        assertThat(single(mariadb(kept), "SELECT COUNT(*) FROM customers")).isEqualTo("0");
        assertThat(single(mariadb(kept), "SELECT customer_count()")).isEqualTo("0");
        assertThat(query(mariadb(kept), "SELECT STATUS FROM information_schema.EVENTS "
                + "WHERE EVENT_SCHEMA = DATABASE()")).containsExactly(List.of("DISABLED"));
        assertThat(query(mariadb(""), "SELECT 1 FROM information_schema.SCHEMATA "
                + "WHERE SCHEMA_NAME = '" + restored + "'")).isEmpty();
    }

    private RestoreResult restore(Map<String, byte[]> files, String target, boolean replace)
            throws Exception {
        DatabaseInfo info = DatabaseInfo.parse(files.get(source + "/database.json"));
        return new DatabaseRestorer(mariadb("")).restore(info,
                new ByteArrayInputStream(files.get(source + "/dump.sql")),
                new RestoreOptions(target, replace, 1));
    }

    private String database(String prefix) {
        String name = uniqueName(prefix);
        created.add(name);
        return name;
    }
}
