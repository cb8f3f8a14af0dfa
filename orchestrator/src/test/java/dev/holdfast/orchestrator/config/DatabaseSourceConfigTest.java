package dev.holdfast.orchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.holdfast.orchestrator.database.DatabaseKind;
import dev.holdfast.orchestrator.guard.GuardAction;
import dev.holdfast.orchestrator.guard.GuardPolicy;
import dev.holdfast.orchestrator.guard.TableOverride;
import dev.holdfast.orchestrator.guard.Thresholds;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DatabaseSourceConfigTest {
    private static final String HEAD = """
            repository: { providers: [local] }
            providers: [{ name: local, driver: filesystem, path: /r }]
            sources:
            """;

    @TempDir
    Path folder;

    private HoldfastConfig load(String yaml) throws Exception {
        return ConfigLoader.load(ConfigFiles.write(folder, yaml));
    }

    @Test
    void postgresSource_bindsEveryKey() throws Exception {
        HoldfastConfig config = load(HEAD + """
                  - name: orders
                    postgresql:
                      host: db.internal
                      port: 5433
                      user: backup
                      password-file: secrets/pg
                      databases: [orders, billing]
                      tools: /usr/lib/postgresql/16/bin
                      exact-count-limit: 16MiB
                      restore-jobs: 4
                    guard:
                      interval: 30s
                      action: rollback
                      share: 40%
                      rows: 5000
                      window: 5m
                      min-rows: 10
                      dropped: false
                      tables:
                        public.sessions: { ignore: true }
                        "audit.*": { share: 90%, rows: 1000000 }
                      webhook-env: ORDERS_WEBHOOK
                """);

        SourceConfig source = config.sources().getFirst();
        DatabaseSourceConfig database = source.database().orElseThrow();
        assertThat(database.kind()).isEqualTo(DatabaseKind.POSTGRESQL);
        assertThat(database.host()).isEqualTo("db.internal");
        assertThat(database.port()).isEqualTo(5433);
        assertThat(database.user()).isEqualTo("backup");
        assertThat(database.passwordFile()).contains(folder.resolve("etc/secrets/pg"));
        assertThat(database.passwordEnv()).isEmpty();
        assertThat(database.databases()).containsExactly("orders", "billing");
        assertThat(database.tools()).contains(Path.of("/usr/lib/postgresql/16/bin"));
        assertThat(database.exactCountLimit()).isEqualTo(16L << 20);
        assertThat(database.restoreJobs()).isEqualTo(4);
        assertThat(source.paths()).isEmpty();
        assertThat(source.snapshotPaths()).containsExactly("postgresql:orders");

        GuardConfig guard = source.guard().orElseThrow();
        GuardPolicy policy = guard.policy();
        assertThat(guard.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.action()).isEqualTo(GuardAction.ROLLBACK);
        assertThat(policy.defaults()).isEqualTo(new Thresholds(0.4, 5000, 10, false, true));
        assertThat(policy.window()).isEqualTo(Duration.ofMinutes(5));
        assertThat(guard.webhookEnv()).contains("ORDERS_WEBHOOK");
        List<TableOverride> rules = policy.overrides();
        assertThat(rules).hasSize(2);
        assertThat(rules.get(0).ignore()).isTrue();
        assertThat(rules.get(1).share()).isEqualTo(0.9);
        assertThat(rules.get(1).rows()).isEqualTo(1_000_000L);
        assertThat(policy.thresholds("public.sessions")).isEmpty();
        assertThat(policy.thresholds("audit.events")).contains(
                new Thresholds(0.9, 1_000_000, 10, false, true));
    }

    @Test
    void mariadbSource_takesDefaults() throws Exception {
        HoldfastConfig config = load(HEAD + """
                  - name: shop
                    mariadb: { user: root, password-env: SHOP_PASSWORD, databases: [shop] }
                    guard: {}
                """);

        SourceConfig source = config.sources().getFirst();
        DatabaseSourceConfig database = source.database().orElseThrow();
        assertThat(database.kind()).isEqualTo(DatabaseKind.MARIADB);
        assertThat(database.host()).isEqualTo("127.0.0.1");
        assertThat(database.port()).isEqualTo(3306);
        assertThat(database.passwordEnv()).contains("SHOP_PASSWORD");
        assertThat(database.exactCountLimit())
                .isEqualTo(DatabaseSourceConfig.DEFAULT_EXACT_COUNT_LIMIT);
        assertThat(source.snapshotPaths()).containsExactly("mariadb:shop");
        GuardConfig guard = source.guard().orElseThrow();
        assertThat(guard.interval()).isEqualTo(GuardConfig.DEFAULT_INTERVAL);
        assertThat(guard.policy()).isEqualTo(GuardPolicy.DEFAULT);
        assertThat(guard.webhook()).isEqualTo(Optional.empty());
    }

    static Stream<Arguments> badFiles() {
        String pg = "  - name: orders\n    postgresql:\n";
        return Stream.of(
                arguments("paths and postgresql", HEAD + "  - name: orders\n    paths: [/a]\n"
                        + "    postgresql: { user: u, databases: [d] }\n", 4, 5,
                        "source \"orders\" in sources[0] names more than one of paths"),
                arguments("no databases", HEAD + pg + "      user: backup\n", 6, 7,
                        "missing key \"databases\" in sources[0].postgresql"),
                arguments("empty databases", HEAD + pg + "      user: u\n      databases: []\n",
                        7, 18, "no database in sources[0].postgresql.databases"),
                arguments("bad port", HEAD + pg + "      user: u\n      port: 70000\n"
                        + "      databases: [d]\n", 7, 13, "invalid port 70000 for "
                        + "sources[0].postgresql.port: expected 1 to 65535"),
                arguments("both passwords", HEAD + pg + "      user: u\n      databases: [d]\n"
                        + "      password-env: A\n      password-file: b\n", 9, 22,
                        "both password-env and password-file"),
                arguments("guard on files", HEAD + "  - name: docs\n    paths: [/a]\n"
                        + "    guard: { share: 10% }\n", 6, 12,
                        "guard in sources[0] applies only to database sources"),
                arguments("bad action", HEAD + pg + "      user: u\n      databases: [d]\n"
                        + "    guard: { action: restore }\n", 8, 22,
                        "invalid action \"restore\" for sources[0].guard.action: expected "
                                + "alert or rollback"),
                arguments("window below interval", HEAD + pg + "      user: u\n"
                        + "      databases: [d]\n    guard: { interval: 5m, window: 1m }\n",
                        8, 36, "window of 60s in sources[0].guard is shorter than the "
                                + "interval of 300s"),
                arguments("table without schema", HEAD + pg + "      user: u\n"
                        + "      databases: [d]\n    guard: { tables: { orders: { rows: 5 } } }"
                        + "\n", 8, 32, "invalid table \"orders\" in sources[0].guard.tables: "
                        + "expected schema.table"),
                arguments("webhook not http", HEAD + pg + "      user: u\n"
                        + "      databases: [d]\n    guard: { webhook: \"ftp://x/y\" }\n", 8, 23,
                        "invalid webhook URL for sources[0].guard.webhook"),
                arguments("webhook with a user", HEAD + pg + "      user: u\n"
                        + "      databases: [d]\n    guard: { webhook: \"http://a:b@h/y\" }\n",
                        8, 23, "invalid webhook URL for sources[0].guard.webhook: it carries "
                                + "a user and password"),
                arguments("unknown key", HEAD + pg + "      user: u\n      databases: [d]\n"
                        + "      dbname: x\n", 8, 7,
                        "unknown key \"dbname\" in sources[0].postgresql"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badDatabaseSource_namesFileLineAndColumn(String description, String yaml, int line,
            int column, String message) throws IOException {
        Path file = ConfigFiles.write(folder, yaml);

        ConfigException error = ConfigFiles.loadError(file);

        String place = file + ":" + line + ":" + column + ": ";
        assertThat(error.getMessage()).startsWith(place);
        assertThat(error.getMessage().substring(place.length())).startsWith(message);
    }
}
