package dev.holdfast.orchestrator.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.holdfast.orchestrator.config.CatalogConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** The catalog on a throwaway PostgreSQL server, with the password from the environment. */
@ExtendWith(PostgresExtension.class)
class PostgresCatalogTest extends CatalogContract {
    private final PostgresServer server;
    /** Numbers databases across test instances, which JUnit creates one per test. */
    private static final AtomicInteger DATABASES = new AtomicInteger();

    PostgresCatalogTest(PostgresServer server) {
        this.server = server;
    }

    @Override
    CatalogConfig freshCatalog() throws Exception {
        String name = "catalog_" + DATABASES.getAndIncrement();
        return CatalogTestConfigs.postgres(server.createDatabase(name));
    }

    @Override
    Map<String, String> environment() {
        return Map.of(CatalogTestConfigs.PASSWORD_VARIABLE, server.password());
    }

    @Test
    void open_wrongPassword_failsWithoutShowingIt() throws Exception {
        String wrong = "wrong-" + server.password();
        CatalogConfig config = freshCatalog();

        assertThatThrownBy(() -> Catalog.open(config,
                Map.of(CatalogTestConfigs.PASSWORD_VARIABLE, wrong)))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("cannot open the catalog database " + config.url().get())
                .hasMessageContaining("password authentication failed")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong));
    }

    @Test
    void open_passwordVariableUnset_namesTheVariable() throws Exception {
        CatalogConfig config = freshCatalog();

        assertThatThrownBy(() -> Catalog.open(config, Map.of()))
                .isInstanceOf(CatalogException.class)
                .hasMessage("environment variable " + CatalogTestConfigs.PASSWORD_VARIABLE
                        + ", named by catalog.password-env, is not set: set it to the catalog "
                        + "database's password");
    }

    @Test
    void recording_atDebugLevel_logsNoPassword() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        Level level = root.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.DEBUG);
        List<String> warnings = new ArrayList<>();
        try {
            CatalogConfig config = freshCatalog();
            try (JobRecorder recorder = JobRecorder.open(config, environment(), warnings::add,
                    "node-a", Clock.systemUTC())) {
                recorder.start("check", null).succeeded();
            }
            try (JobRecorder recorder = JobRecorder.open(config,
                    Map.of(CatalogTestConfigs.PASSWORD_VARIABLE, "x" + server.password()),
                    warnings::add, "node-a", Clock.systemUTC())) {
                recorder.start("check", null).succeeded();
            }
        } finally {
            root.setLevel(level);
            root.detachAppender(appender);
        }
        assertThat(appender.list).isNotEmpty();
        for (ILoggingEvent event : appender.list) {
            assertThat(event.getFormattedMessage()).doesNotContain(server.password());
            if (event.getThrowableProxy() != null) {
                assertThat(event.getThrowableProxy().getMessage() + "")
                        .doesNotContain(server.password());
            }
        }
        assertThat(warnings).hasSize(1);
        assertThat(warnings.getFirst()).contains("password authentication failed")
                .doesNotContain(server.password());
    }
}
