package dev.holdfast.restoretester;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.restoretester.report.Check;
import dev.holdfast.restoretester.report.CheckStatus;
import dev.holdfast.restoretester.report.RestoreTestReport;
import dev.holdfast.restoretester.report.SnapshotTest;
import dev.holdfast.restoretester.report.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restores SQL scripts into real throwaway PostgreSQL and MariaDB servers and checks them. */
class DatabaseRestoreTestTest {
    private static final String POSTGRES_SCRIPT = """
            CREATE TABLE orders (id int PRIMARY KEY, total numeric);
            INSERT INTO orders SELECT g, g * 10 FROM generate_series(1, 25) g;
            CREATE SCHEMA "odd ""schema"" x";
            CREATE TABLE "odd ""schema"" x".lines (id int);
            INSERT INTO "odd ""schema"" x".lines VALUES (1), (2);
            """;
    private static final String MARIADB_SCRIPT = """
            CREATE TABLE orders (id int PRIMARY KEY, total decimal(10,2));
            INSERT INTO orders VALUES (1, 10), (2, 20), (3, 30);
            """;

    @TempDir
    Path state;

    private RestoreTestReport run(SnapshotRestorer restorer, TestSource source) {
        RestoreTestOptions options = RestoreTestOptions.defaults().withStateFolder(state)
                .withSeed(1);
        return new RestoreTest(restorer, options, Clock.systemUTC()).run(List.of(source));
    }

    @Test
    void postgres_matchingCountsAndProbe_passes() throws Exception {
        ScriptRestorer restorer = new ScriptRestorer(POSTGRES_SCRIPT, List.of(
                new TableRows("shop", "public", "orders", 25, true),
                new TableRows("shop", "odd \"schema\" x", "lines", 2, true),
                new TableRows("shop", "public", "estimated", 999, false)));
        TestSource source = new TestSource("orders", SourceKind.POSTGRESQL, List.of(
                new Probe("shop", "SELECT count(*), sum(total) FROM orders WHERE id <= 2",
                        "2|30")));

        RestoreTestReport report = run(restorer, source);

        SnapshotTest snapshot = report.sources().getFirst().snapshots().getFirst();
        assertThat(snapshot.checks()).extracting(Check::name, Check::status).containsExactly(
                Tuple.tuple("environment created", CheckStatus.PASSED),
                Tuple.tuple("restore completed", CheckStatus.PASSED),
                Tuple.tuple("table row counts", CheckStatus.PASSED),
                Tuple.tuple("probes", CheckStatus.PASSED),
                Tuple.tuple("environment removed", CheckStatus.PASSED));
        assertThat(snapshot.checks().get(2).checked()).isEqualTo(2);
        assertThat(snapshot.environment()).startsWith("PostgreSQL ");
        assertThat(report.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(markers()).isEmpty();
    }

    @Test
    void postgres_missingRowsAndWrongProbe_failsBoth() throws Exception {
        ScriptRestorer restorer = new ScriptRestorer(POSTGRES_SCRIPT, List.of(
                new TableRows("shop", "public", "orders", 26, true)));
        TestSource source = new TestSource("orders", SourceKind.POSTGRESQL, List.of(
                new Probe("shop", "SELECT max(id) FROM orders", "26"),
                new Probe("shop", "SELECT * FROM missing_table", "1")));

        RestoreTestReport report = run(restorer, source);

        SnapshotTest snapshot = report.sources().getFirst().snapshots().getFirst();
        Check counts = RestoreTestTest.check(snapshot, "table row counts");
        assertThat(counts.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(counts.examples()).containsExactly(
                "shop: public.orders: recorded 26 rows, restored 25");
        Check probes = RestoreTestTest.check(snapshot, "probes");
        assertThat(probes.failed()).isEqualTo(2);
        assertThat(probes.examples().getFirst())
                .isEqualTo("shop: SELECT max(id) FROM orders: expected '26', got '25'");
        assertThat(probes.examples().get(1)).contains("the query failed")
                .contains("missing_table");
        assertThat(RestoreTestTest.check(snapshot, "environment removed").status())
                .isEqualTo(CheckStatus.PASSED);
        assertThat(markers()).isEmpty();
    }

    @Test
    void mariadb_matchingCountsAndProbe_passes() throws Exception {
        ScriptRestorer restorer = new ScriptRestorer(MARIADB_SCRIPT, List.of(
                new TableRows("shop", "shop", "orders", 3, true)));
        TestSource source = new TestSource("shop", SourceKind.MARIADB, List.of(
                new Probe("shop", "SELECT id, total FROM orders WHERE id < 3 ORDER BY id",
                        "1|10.00\n2|20.00")));

        RestoreTestReport report = run(restorer, source);

        SnapshotTest snapshot = report.sources().getFirst().snapshots().getFirst();
        assertThat(snapshot.checks()).extracting(Check::status)
                .containsOnly(CheckStatus.PASSED);
        assertThat(snapshot.environment()).startsWith("MariaDB ");
        assertThat(markers()).isEmpty();
    }

    @Test
    void container_withoutDockerEngine_failsOneCheck() throws Exception {
        String dockerHost = System.getenv("DOCKER_HOST");
        assertThat(dockerHost).as("DOCKER_HOST set by the build to a missing socket")
                .startsWith("unix://");
        assertThat(Path.of(dockerHost.substring("unix://".length()))).doesNotExist();
        ScriptRestorer restorer = new ScriptRestorer(POSTGRES_SCRIPT, List.of());
        RestoreTestOptions options = RestoreTestOptions.defaults().withStateFolder(state)
                .withSeed(1).withDatabaseEnvironment(DatabaseEnvironment.CONTAINER);

        RestoreTestReport report = new RestoreTest(restorer, options, Clock.systemUTC())
                .run(List.of(new TestSource("orders", SourceKind.POSTGRESQL, List.of())));

        SnapshotTest snapshot = report.sources().getFirst().snapshots().getFirst();
        assertThat(snapshot.checks()).hasSize(1);
        Check environment = snapshot.checks().getFirst();
        assertThat(environment.name()).isEqualTo("environment created");
        assertThat(environment.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(environment.reason()).startsWith("no Docker engine reachable at "
                + dockerHost + ": ");
        assertThat(environment.reason()).endsWith("; set restore-test.database-environment: "
                + "local to use the installed server binaries");
        assertThat(environment.nextStep()).contains("database-environment: local");
        assertThat(report.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(markers()).isEmpty();
    }

    private List<Path> markers() throws Exception {
        try (Stream<Path> files = Files.list(state)) {
            return files.toList();
        }
    }
}
