package dev.holdfast.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.holdfast.storage.LoggingProvider;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.RetrySettings;
import dev.holdfast.storage.RetryingProvider;
import dev.holdfast.storage.StorageException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Interceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Runs the driver through successes and every credential failure with all logging on, and
 * checks that no secret key reaches a log line, an exception message, a stack trace or a
 * string form of the driver's objects.
 */
class S3SecretsTest {
    private static final String WRONG_SECRET = "wrong-secret-Xc91Lq0Ab7";
    private static final String WRONG_ACCESS_KEY = "unknown-access-key-Vt52";
    private static final RetrySettings QUICK = new RetrySettings(
            Duration.ofMillis(1), Duration.ofMillis(5), 2, Duration.ofSeconds(5));
    /** The server in the test JVM logs for itself; these are its loggers. */
    private static final List<String> SERVER_LOGGERS =
            List.of("org.gaul", "org.jclouds", "jclouds", "org.eclipse.jetty");

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    private Level rootLevel;
    private final List<String> failures = new ArrayList<>();

    @BeforeEach
    void captureEverything() {
        rootLevel = root.getLevel();
        root.setLevel(Level.ALL);
        lines.start();
        root.addAppender(lines);
    }

    @AfterEach
    void restoreLogging() {
        root.detachAppender(lines);
        root.setLevel(rootLevel);
    }

    @Test
    void secrets_appearInNoLogLineOrError() throws Exception {
        try (S3ProxyServer server = S3ProxyServer.start()) {
            String bucket = server.createBucket();
            S3Settings settings = server.settings(bucket).build();
            Map<String, String> wrongSecret = environment(S3ProxyServer.SECRET_KEY_VARIABLE,
                    WRONG_SECRET);
            Map<String, String> wrongAccess = environment(S3ProxyServer.ACCESS_KEY_VARIABLE,
                    WRONG_ACCESS_KEY);

            try (Provider provider = wrapped(S3Provider.open("secrets", settings,
                    S3ProxyServer.environment()))) {
                provider.putIfAbsent("data/a", new byte[] {1});
                provider.get("data/a");
                provider.get("data/a", 0, 1);
                provider.stat("data/a");
                provider.list("", info -> { });
                provider.delete("data/a");
                failures.add(provider.toString());
            }
            record("wrong secret", settings, wrongSecret);
            record("wrong access key", settings, wrongAccess);
            record("missing bucket", server.settings("missing-bucket").build(),
                    S3ProxyServer.environment());
            recordOpen(settings, Map.of(S3ProxyServer.SECRET_KEY_VARIABLE, WRONG_SECRET));
            recordSkewed(settings);
            failures.add(settings.toString());
        }

        List<String> logged = lines.list.stream()
                .filter(event -> SERVER_LOGGERS.stream()
                        .noneMatch(name -> event.getLoggerName().startsWith(name)))
                .map(S3SecretsTest::render).toList();
        assertThat(logged).as("log lines of the driver and its decorators").isNotEmpty();
        assertThat(failures).hasSizeGreaterThan(8);
        for (String secret : List.of(S3ProxyServer.SECRET_KEY, WRONG_SECRET)) {
            assertThat(logged).noneMatch(line -> line.contains(secret));
            assertThat(failures).noneMatch(text -> text.contains(secret));
        }
        assertThat(failures).noneMatch(text -> text.contains(WRONG_ACCESS_KEY));
    }

    /** Runs every operation with these credentials and keeps each error's full text. */
    private void record(String description, S3Settings settings, Map<String, String> environment)
            throws Exception {
        try (Provider provider = wrapped(S3Provider.open("secrets", settings, environment))) {
            run(description, () -> provider.get("data/a"));
            run(description, () -> provider.get("data/a", 0, 10));
            run(description, () -> provider.stat("data/a"));
            run(description, () -> provider.list("", info -> { }));
            run(description, () -> provider.putIfAbsent("data/b", new byte[1]));
            run(description, () -> provider.delete("data/b"));
        }
    }

    private void recordOpen(S3Settings settings, Map<String, String> environment) {
        run("missing access key", () -> S3Provider.open("secrets", settings, environment));
    }

    private void recordSkewed(S3Settings settings) throws Exception {
        Interceptor skew = SignedInThePast.hours(2);
        try (Provider provider = wrapped(S3Provider.open("secrets", settings,
                S3ProxyServer.environment(), builder -> builder.addInterceptor(skew),
                Clock.systemUTC()))) {
            run("skewed clock", () -> provider.get("data/a"));
        }
    }

    private static Provider wrapped(S3Provider driver) {
        return new LoggingProvider(new RetryingProvider(driver, QUICK));
    }

    private void run(String description, Call call) {
        try {
            call.run();
            failures.add(description + ": no error");
        } catch (StorageException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            failures.add(e.getMessage());
            failures.add(trace.toString());
        } catch (Exception e) {
            failures.add(description + ": unexpected " + e);
        }
    }

    private static Map<String, String> environment(String variable, String value) {
        Map<String, String> environment = new HashMap<>(S3ProxyServer.environment());
        environment.put(variable, value);
        return environment;
    }

    private static String render(ILoggingEvent event) {
        String thrown = event.getThrowableProxy() == null
                ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy());
        return event.getFormattedMessage() + thrown;
    }

    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }
}
