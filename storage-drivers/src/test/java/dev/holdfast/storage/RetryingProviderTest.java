package dev.holdfast.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.holdfast.storage.filesystem.FileSystemProvider;
import dev.holdfast.storage.testing.FaultInjectingProvider;
import dev.holdfast.storage.testing.FaultInjectingProvider.Operation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class RetryingProviderTest {
    private static final RetrySettings FIVE_ATTEMPTS = new RetrySettings(
            Duration.ofMillis(100), Duration.ofSeconds(1), 5, Duration.ofMinutes(1));

    @TempDir
    Path root;

    private FaultInjectingProvider faults;
    private final FakeSleeper sleeper = new FakeSleeper();
    private final ListAppender<ILoggingEvent> logLines = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(RetryingProvider.class);

    @BeforeEach
    void setUp() throws Exception {
        faults = new FaultInjectingProvider(FileSystemProvider.open("local", root), 7);
        faults.putIfAbsent("data/x", new byte[] {1, 2, 3});
        logLines.start();
        logger.addAppender(logLines);
        logger.setAdditive(false); // keeps the expected warnings off the console
    }

    @AfterEach
    void detachLog() {
        logger.detachAppender(logLines);
        logger.setAdditive(true);
    }

    @Test
    void transientFailures_areRetriedUntilSuccess() throws Exception {
        faults.on(Operation.GET, "data/x").failTransient().times(2);
        RetryingProvider provider = retrying(FIVE_ATTEMPTS, 0.5);

        assertThat(provider.get("data/x")).containsExactly(1, 2, 3);

        assertThat(faults.calls(Operation.GET)).isEqualTo(3);
        assertThat(sleeper.pauses).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    @Test
    void permanentFailure_isNotRetried() throws Exception {
        faults.on(Operation.PUT, "data/y").failPermanent();
        RetryingProvider provider = retrying(FIVE_ATTEMPTS, 0.5);

        assertThatThrownBy(() -> provider.putIfAbsent("data/y", new byte[1]))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.PERMANENT));

        assertThat(faults.calls(Operation.PUT)).isEqualTo(2); // the setUp put and this one
        assertThat(sleeper.pauses).isEmpty();
    }

    @Test
    void notFound_isNotRetried() throws Exception {
        RetryingProvider provider = retrying(FIVE_ATTEMPTS, 0.5);

        assertThatThrownBy(() -> provider.get("data/absent"))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.NOT_FOUND));

        assertThat(faults.calls(Operation.GET)).isEqualTo(1);
        assertThat(sleeper.pauses).isEmpty();
    }

    @Test
    void exhaustedAttempts_giveUpWithLastError() throws Exception {
        faults.on(Operation.STAT, ".*").failTransient();
        RetryingProvider provider = retrying(FIVE_ATTEMPTS, 0.5);

        assertThatThrownBy(() -> provider.stat("data/x"))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StorageException.Kind.TRANSIENT);
                    assertThat(e.detail()).startsWith("gave up after 5 attempts");
                    assertThat(e.getCause()).isInstanceOf(StorageException.class);
                    assertThat(e.getCause().getMessage()).contains("on call 5 ");
                });

        assertThat(faults.calls(Operation.STAT)).isEqualTo(5);
        assertThat(sleeper.pauses).hasSize(4);
    }

    @Test
    void delays_doubleUpToMaximum() throws Exception {
        faults.on(Operation.GET, ".*").failTransient();
        RetrySettings settings = new RetrySettings(
                Duration.ofMillis(100), Duration.ofSeconds(1), 8, Duration.ofHours(1));
        RetryingProvider provider = retrying(settings, 0.5);

        assertThatThrownBy(() -> provider.get("data/x")).isInstanceOf(StorageException.class);

        assertThat(sleeper.pauses).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100),
                Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(500),
                Duration.ofMillis(500), Duration.ofMillis(500));
    }

    @Test
    void delays_stayBelowBoundWithRealJitter() throws Exception {
        faults.on(Operation.GET, ".*").failTransient();
        RetrySettings settings = new RetrySettings(
                Duration.ofMillis(100), Duration.ofSeconds(1), 40, Duration.ofHours(1));
        RetryingProvider provider = new RetryingProvider(faults, settings, sleeper);

        assertThatThrownBy(() -> provider.get("data/x")).isInstanceOf(StorageException.class);

        assertThat(sleeper.pauses).hasSize(39);
        for (int i = 0; i < sleeper.pauses.size(); i++) {
            long bound = Math.min(1000, 100L << Math.min(i, 20));
            assertThat(sleeper.pauses.get(i)).as("pause %d", i + 1)
                    .isLessThan(Duration.ofMillis(bound));
        }
        assertThat(sleeper.pauses).doesNotHaveDuplicates();
    }

    @Test
    void timeBudget_endsRetriesEarly() throws Exception {
        faults.on(Operation.GET, ".*").failTransient();
        RetrySettings settings = new RetrySettings(
                Duration.ofMillis(400), Duration.ofMillis(400), 100, Duration.ofSeconds(1));
        RetryingProvider provider = retrying(settings, 0.999);

        assertThatThrownBy(() -> provider.get("data/x"))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.detail()).startsWith("gave up after 3 attempts in 799"));

        assertThat(faults.calls(Operation.GET)).isEqualTo(3);
    }

    @Test
    void throttledCalls_succeedAfterRetry() throws Exception {
        faults.on(Operation.PUT, "batch/.*").throttle(3);
        RetryingProvider provider = retrying(FIVE_ATTEMPTS, 0.5);

        for (int i = 0; i < 10; i++) {
            assertThat(provider.putIfAbsent("batch/" + i, new byte[] {(byte) i})).isTrue();
        }

        for (int i = 0; i < 10; i++) {
            assertThat(provider.get("batch/" + i)).containsExactly(i);
        }
        assertThat(sleeper.pauses).hasSize(4);
    }

    @Test
    void retry_isLoggedAtWarn() throws Exception {
        faults.on(Operation.GET, "data/x").failTransient().times(2);
        RetryingProvider provider = retrying(FIVE_ATTEMPTS, 0.5);

        provider.get("data/x");

        assertThat(logLines.list).hasSize(2);
        ILoggingEvent first = logLines.list.get(0);
        assertThat(first.getLevel()).isEqualTo(Level.WARN);
        assertThat(first.getFormattedMessage()).startsWith(
                "provider=local op=get key=data/x attempt=1/5 retry_in_ms=50 error=\"injected");
        assertThat(logLines.list.get(1).getFormattedMessage()).contains("attempt=2/5");
    }

    @Test
    void retriedList_deliversEachKeyOnce() throws Exception {
        faults.putIfAbsent("data/y", new byte[1]);
        Provider flaky = new FailingOnceListProvider(faults);
        RetryingProvider provider = new RetryingProvider(flaky, FIVE_ATTEMPTS, sleeper);
        List<String> keys = new ArrayList<>();

        provider.list("data/", info -> keys.add(info.key()));

        assertThat(keys).containsExactlyInAnyOrder("data/x", "data/y");
        assertThat(sleeper.pauses).hasSize(1);
    }

    @Test
    void interruptedPause_stopsWithTransientError() throws Exception {
        faults.on(Operation.GET, ".*").failTransient();
        Sleeper interrupted = duration -> {
            throw new InterruptedException("test interrupt");
        };
        RetryingProvider provider = new RetryingProvider(faults, FIVE_ATTEMPTS, interrupted);

        try {
            assertThatThrownBy(() -> provider.get("data/x"))
                    .isInstanceOfSatisfying(StorageException.class,
                            e -> assertThat(e.detail()).startsWith("interrupted"));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(faults.calls(Operation.GET)).isEqualTo(1);
    }

    @Test
    void interruptedThread_isNotRetried() throws Exception {
        faults.on(Operation.GET, ".*").failTransient().times(1);
        RetryingProvider provider = retrying(FIVE_ATTEMPTS, 0.5);

        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> provider.get("data/x"))
                    .isInstanceOfSatisfying(StorageException.class,
                            e -> assertThat(e.isTransient()).isTrue());
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(faults.calls(Operation.GET)).isEqualTo(1);
        assertThat(sleeper.pauses).isEmpty();
        assertThat(logLines.list).isEmpty();
    }

    @Test
    void settings_rejectInvalidValues() {
        Duration second = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new RetrySettings(Duration.ZERO, second, 3, second))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> new RetrySettings(second, Duration.ofMillis(10), 3, second))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0.01S");
        assertThatThrownBy(() -> new RetrySettings(second, second, 0, second))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
        assertThatThrownBy(() -> new RetrySettings(second, second, 3, second.negated()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1S");
    }

    private RetryingProvider retrying(RetrySettings settings, double jitter) {
        return new RetryingProvider(faults, settings, sleeper, () -> jitter);
    }

    /** A sleeper that records each pause and moves its own clock instead of waiting. */
    private static final class FakeSleeper implements Sleeper {
        final List<Duration> pauses = new ArrayList<>();
        private long now;

        @Override
        public void sleep(Duration duration) {
            pauses.add(duration);
            now += duration.toNanos();
        }

        @Override
        public long nanoTime() {
            return now;
        }
    }

    /** Passes one object to the sink and then fails transiently, on the first list only. */
    private static final class FailingOnceListProvider extends ForwardingProvider {
        private boolean failed;

        FailingOnceListProvider(Provider delegate) {
            super(delegate);
        }

        @Override
        public void list(String prefix, Consumer<ObjectInfo> sink) throws StorageException {
            if (failed) {
                delegate.list(prefix, sink);
                return;
            }
            failed = true;
            List<ObjectInfo> objects = new ArrayList<>();
            delegate.list(prefix, objects::add);
            sink.accept(objects.getFirst());
            throw new StorageException(StorageException.Kind.TRANSIENT, name(), "list", prefix,
                    "connection reset after the first page");
        }
    }
}
