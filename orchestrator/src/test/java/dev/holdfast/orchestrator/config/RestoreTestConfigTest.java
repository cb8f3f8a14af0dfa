package dev.holdfast.orchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.holdfast.orchestrator.config.RestoreTestConfig.ProbeConfig;
import dev.holdfast.restoretester.DatabaseEnvironment;
import dev.holdfast.restoretester.DatabaseImages;
import dev.holdfast.scheduler.MisfirePolicy;
import dev.holdfast.scheduler.Schedule;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RestoreTestConfigTest {
    private static final String HEAD = """
            repository: { providers: [local] }
            providers: [{ name: local, driver: filesystem, path: /r }]
            sources:
              - name: docs
                paths: [/srv]
              - name: orders
                postgresql: { user: backup, databases: [shop] }
            """;

    @TempDir
    Path folder;

    private HoldfastConfig load(String yaml) throws Exception {
        return ConfigLoader.load(ConfigFiles.write(folder, yaml));
    }

    @Test
    void noSection_meansNoJobAndDefaults() throws Exception {
        HoldfastConfig config = load(HEAD);

        assertThat(config.schedules()).isEmpty();
        RestoreTestConfig restoreTest = config.restoreTest();
        assertThat(restoreTest.volume()).isEqualTo(folder.resolve(
                "etc/holdfast-state/restore-tests"));
        assertThat(restoreTest.stateFolder()).isEqualTo(folder.resolve(
                "etc/holdfast-state/environments"));
        assertThat(restoreTest.olderSnapshots()).isEqualTo(1);
        assertThat(restoreTest.webhook()).isEmpty();
        assertThat(restoreTest.probes("orders")).isEmpty();
        assertThat(restoreTest.databaseEnvironment()).isEqualTo(DatabaseEnvironment.LOCAL);
        assertThat(restoreTest.images()).isEqualTo(
                new DatabaseImages("postgres:16", "mariadb:10.11"));
    }

    @Test
    void containerKeys_bindIntoConfig() throws Exception {
        HoldfastConfig config = load(HEAD + """
                restore-test:
                  database-environment: container
                  images: { postgresql: "registry.example:5000/pg/postgres:17.2", \
                mariadb: "mariadb:11.4@sha256:%s" }
                """.formatted("ab".repeat(32)));

        RestoreTestConfig restoreTest = config.restoreTest();
        assertThat(restoreTest.databaseEnvironment()).isEqualTo(DatabaseEnvironment.CONTAINER);
        assertThat(restoreTest.images().postgresql())
                .isEqualTo("registry.example:5000/pg/postgres:17.2");
        assertThat(restoreTest.images().mariadb()).isEqualTo("mariadb:11.4@sha256:"
                + "ab".repeat(32));
    }

    @Test
    void oneImage_keepsTheOtherDefault() throws Exception {
        HoldfastConfig config = load(HEAD
                + "restore-test: { images: { mariadb: mariadb:11.4 } }\n");

        assertThat(config.restoreTest().images())
                .isEqualTo(new DatabaseImages("postgres:16", "mariadb:11.4"));
        assertThat(config.restoreTest().databaseEnvironment())
                .isEqualTo(DatabaseEnvironment.LOCAL);
    }

    @Test
    void badDatabaseEnvironment_namesFileLineAndColumn() throws Exception {
        Path file = ConfigFiles.write(folder, HEAD + """
                restore-test:
                  volume: ./v
                  database-environment: docker
                """);

        ConfigException error = ConfigFiles.loadError(file);

        assertThat(error.getMessage()).startsWith(file + ":10:25: invalid value \"docker\" "
                + "for restore-test.database-environment: expected local (the installed "
                + "server binaries) or container");
        assertThat(error.line()).isEqualTo(10);
        assertThat(error.column()).isEqualTo(25);
    }

    @Test
    void emptySection_schedulesDailyAt0430LocalTime() throws Exception {
        HoldfastConfig config = load(HEAD + "restore-test:\n");

        assertThat(config.schedules()).containsExactly(new Schedule(JobKinds.RESTORE_TEST,
                JobKinds.RESTORE_TEST, "0 30 4 * * ?", ZoneId.systemDefault(),
                MisfirePolicy.RUN_ONCE, Optional.empty()));
    }

    @Test
    void everyKey_bindsIntoConfig() throws Exception {
        HoldfastConfig config = load(HEAD + """
                restore-test:
                  schedule: "0 15 5 ? * MON-FRI"
                  time-zone: Europe/Berlin
                  misfire: skip
                  volume: ../scratch
                  older-snapshots: 3
                  webhook: https://hooks.example/restore
                  probes:
                    orders:
                      - { database: shop, sql: "SELECT count(*) FROM orders", expect: "42" }
                """);

        assertThat(config.schedules()).containsExactly(new Schedule(JobKinds.RESTORE_TEST,
                JobKinds.RESTORE_TEST, "0 15 5 ? * MON-FRI", ZoneId.of("Europe/Berlin"),
                MisfirePolicy.SKIP, Optional.empty()));
        RestoreTestConfig restoreTest = config.restoreTest();
        assertThat(restoreTest.volume()).isEqualTo(folder.resolve("scratch"));
        assertThat(restoreTest.olderSnapshots()).isEqualTo(3);
        assertThat(restoreTest.webhook()).contains("https://hooks.example/restore");
        assertThat(restoreTest.probes("orders")).containsExactly(
                new ProbeConfig("shop", "SELECT count(*) FROM orders", "42"));
    }

    @Test
    void withRepositoryJobs_keepsThemBeforeRestoreTest() throws Exception {
        HoldfastConfig config = load("""
                repository:
                  providers: [local]
                  schedule: { check: "0 0 5 ? * SUN" }
                providers: [{ name: local, driver: filesystem, path: /r }]
                sources: [{ name: docs, paths: [/srv], schedule: { backup: "0 0 2 * * ?" } }]
                restore-test: { time-zone: UTC }
                """);

        assertThat(config.schedules()).extracting(Schedule::jobName)
                .containsExactly("backup:docs", "check", "restore-test");
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                arguments("invalid cron", "restore-test: { schedule: \"at dawn\" }\n",
                        "invalid cron expression \"at dawn\" for restore-test.schedule: "),
                arguments("negative count", "restore-test: { older-snapshots: -1 }\n",
                        "invalid value -1 for restore-test.older-snapshots: expected a whole "
                                + "number of 0 or more"),
                arguments("probes of a file source", "restore-test:\n  probes:\n    docs:\n"
                        + "      - { database: d, sql: s, expect: e }\n",
                        "source \"docs\" backs up files, so it cannot have SQL probes"),
                arguments("probes of an unknown source", "restore-test:\n  probes:\n"
                        + "    shop: []\n", "unknown source \"shop\" in restore-test.probes"),
                arguments("probe without expect", "restore-test:\n  probes:\n    orders:\n"
                        + "      - { database: d, sql: s }\n",
                        "missing key expect in restore-test.probes.orders[0]"),
                arguments("webhook without scheme", "restore-test: { webhook: hooks.example }\n",
                        "invalid webhook URL for restore-test.webhook"),
                arguments("unknown key", "restore-test: { volumes: /x }\n",
                        "unknown key \"volumes\" in restore-test"),
                arguments("unknown database environment",
                        "restore-test: { database-environment: Container }\n",
                        "invalid value \"Container\" for restore-test.database-environment"),
                arguments("empty database environment",
                        "restore-test: { database-environment: }\n",
                        "empty value for restore-test.database-environment: expected local"),
                arguments("image with a space",
                        "restore-test: { images: { postgresql: \"postgres 16\" } }\n",
                        "invalid image name \"postgres 16\" for "
                                + "restore-test.images.postgresql"),
                arguments("empty image", "restore-test: { images: { mariadb: \"\" } }\n",
                        "empty value for restore-test.images.mariadb"),
                arguments("empty images", "restore-test: { images: }\n",
                        "empty value for restore-test.images: expected a mapping"),
                arguments("unknown engine in images",
                        "restore-test: { images: { mysql: \"mysql:8\" } }\n",
                        "unknown key \"mysql\" in restore-test.images"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badSection_isRejectedWithReason(String description, String yaml, String message)
            throws IOException {
        Path file = ConfigFiles.write(folder, HEAD + yaml);

        ConfigException error = ConfigFiles.loadError(file);

        assertThat(error.getMessage()).contains(message);
    }
}
