package dev.holdfast.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.RetrySettings;
import dev.holdfast.storage.RetryingProvider;
import dev.holdfast.storage.StorageException;
import dev.holdfast.storage.StorageException.Kind;
import dev.holdfast.storage.s3.TcpRelay.Action;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Faults between the driver and S3Proxy, made by a TCP relay on loopback: reset connections,
 * 503 SlowDown and a server that never answers. The bare driver reports them as TRANSIENT,
 * and the driver inside a {@link RetryingProvider} gets past them.
 */
class S3TransientFaultTest {
    private static final RetrySettings QUICK = new RetrySettings(
            Duration.ofMillis(10), Duration.ofMillis(50), 6, Duration.ofSeconds(30));
    private static final byte[] DATA = {4, 5, 6};
    private static S3ProxyServer server;
    private static String bucket;

    private final ListAppender<ILoggingEvent> retries = new ListAppender<>();
    private final Logger retryLogger = (Logger) LoggerFactory.getLogger(RetryingProvider.class);

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start();
        bucket = server.createBucket();
        try (S3Provider direct = S3Provider.open("direct", settings(server.endpoint()),
                S3ProxyServer.environment())) {
            direct.putIfAbsent("data/x", DATA);
        }
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void captureRetries() {
        retries.start();
        retryLogger.addAppender(retries);
        retryLogger.setAdditive(false); // keeps the expected warnings off the console
    }

    @AfterEach
    void releaseRetries() {
        retryLogger.detachAppender(retries);
        retryLogger.setAdditive(true);
    }

    @Test
    void resetConnections_areTransient() throws Exception {
        try (TcpRelay relay = new TcpRelay(server.port(), resets(20));
                S3Provider provider = throughRelay(relay)) {
            assertThatThrownBy(() -> provider.get("data/x"))
                    .isInstanceOfSatisfying(StorageException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
                        assertThat(e.getMessage()).contains("connection to 127.0.0.1 failed");
                    });
        }
    }

    @Test
    void resetConnection_isRetried() throws Exception {
        try (TcpRelay relay = new TcpRelay(server.port(), Action.RESET, Action.RESET);
                Provider provider = new RetryingProvider(throughRelay(relay), QUICK)) {
            assertThat(provider.get("data/x")).isEqualTo(DATA);

            assertThat(relay.connections()).isEqualTo(3);
            assertThat(retries.list).isNotEmpty();
        }
    }

    @Test
    void slowDown_isTransientAndRetried() throws Exception {
        try (TcpRelay relay = new TcpRelay(server.port(), Action.SLOW_DOWN);
                S3Provider provider = throughRelay(relay)) {
            assertThatThrownBy(() -> provider.get("data/x"))
                    .isInstanceOfSatisfying(StorageException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
                        assertThat(e.getMessage()).contains("SlowDown", "HTTP 503");
                    });
            assertThat(provider.get("data/x")).isEqualTo(DATA);
        }
        try (TcpRelay relay = new TcpRelay(server.port(), Action.SLOW_DOWN);
                Provider provider = new RetryingProvider(throughRelay(relay), QUICK)) {
            assertThat(provider.get("data/x")).isEqualTo(DATA);

            assertThat(retries.list).hasSize(1);
            assertThat(retries.list.getFirst().getFormattedMessage())
                    .contains("op=get key=data/x attempt=1/6", "SlowDown");
        }
    }

    @Test
    void serverThatNeverAnswers_timesOutAsTransient() throws Exception {
        try (TcpRelay relay = new TcpRelay(server.port(), Action.HANG);
                S3Provider provider = S3Provider.open("relayed", settings(relayEndpoint(relay))
                        .toBuilder().readTimeout(Duration.ofMillis(300)).build(),
                        S3ProxyServer.environment())) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> provider.get("data/x"))
                    .isInstanceOfSatisfying(StorageException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
                        assertThat(e.getMessage()).contains("timed out talking to 127.0.0.1");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(
                    Duration.ofSeconds(10));
        }
    }

    @Test
    void retries_stopAtPermanentErrors() throws Exception {
        S3Settings missing = S3Settings.builder(server.endpoint(), "missing-bucket",
                S3ProxyServer.credentialSources()).build();
        try (TcpRelay relay = new TcpRelay(server.port());
                Provider provider = new RetryingProvider(S3Provider.open("relayed",
                        missing, S3ProxyServer.environment()), QUICK)) {
            assertThatThrownBy(() -> provider.get("data/x"))
                    .isInstanceOfSatisfying(StorageException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.PERMANENT));
            assertThatThrownBy(() -> new RetryingProvider(throughRelay(relay), QUICK)
                    .get("data/absent"))
                    .isInstanceOfSatisfying(StorageException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));

            assertThat(retries.list).isEmpty();
            assertThat(relay.connections()).isEqualTo(1);
        }
    }

    private static Action[] resets(int count) {
        return Collections.nCopies(count, Action.RESET).toArray(Action[]::new);
    }

    private static S3Provider throughRelay(TcpRelay relay) throws StorageException {
        return S3Provider.open("relayed", settings(relayEndpoint(relay)),
                S3ProxyServer.environment());
    }

    private static URI relayEndpoint(TcpRelay relay) {
        return URI.create("http://127.0.0.1:" + relay.port());
    }

    private static S3Settings settings(URI endpoint) {
        return S3Settings.builder(endpoint, bucket, S3ProxyServer.credentialSources())
                .conditionalCreate(ConditionalCreate.CHECK_THEN_PUT).build();
    }
}
