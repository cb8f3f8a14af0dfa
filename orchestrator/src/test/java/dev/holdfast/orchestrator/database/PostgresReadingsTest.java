package dev.holdfast.orchestrator.database;

import dev.holdfast.orchestrator.guard.TableReading;
import static dev.holdfast.orchestrator.database.TestDatabases.postgres;
import static dev.holdfast.orchestrator.database.TestDatabases.sql;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.orchestrator.catalog.PostgresExtension;
import dev.holdfast.orchestrator.catalog.PostgresServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Readings of pg_stat_user_tables on a throwaway server. Each change runs after
 * pg_stat_force_next_flush() in its session, so that its counts are published when the
 * statement returns and the readings need no waiting.
 */
@ExtendWith(PostgresExtension.class)
class PostgresReadingsTest {
    private static final String FLUSH = "SELECT pg_stat_force_next_flush()";

    @Test
    void read_countsDeletesAndTruncate(PostgresServer server) throws Exception {
        server.createDatabase("polled");
        ConnectionSettings polled = postgres(server, "polled");
        // A concurrent autovacuum ANALYZE can overwrite the live-row estimate with what it
        // counted before the DELETE (a CI run read 1,000 for table a), so it is kept out.
        sql(polled, FLUSH, "CREATE TABLE a WITH (autovacuum_enabled = off) AS "
                + "SELECT g FROM generate_series(1, 1000) g",
                "CREATE TABLE b WITH (autovacuum_enabled = off) AS "
                + "SELECT g FROM generate_series(1, 100) g",
                "CREATE TABLE c (x int)");
        sql(polled, FLUSH, "DELETE FROM a WHERE g <= 300");
        sql(polled, FLUSH, "TRUNCATE b");
        sql(polled, FLUSH, "DROP TABLE c");

        List<TableReading> exact = StatisticsPoller.read(polled);
        List<TableReading> estimated = StatisticsPoller.read(polled, 0);

        assertThat(exact).containsExactly(
                new TableReading("public", "a", 700, true, 300, 1000),
                new TableReading("public", "b", 0, true, 0, 100));
        // TRUNCATE sets n_live_tup to 0 without adding to n_tup_del.
        assertThat(estimated).containsExactly(
                new TableReading("public", "a", 700, false, 300, 1000),
                new TableReading("public", "b", 0, false, 0, 100));
    }
}
