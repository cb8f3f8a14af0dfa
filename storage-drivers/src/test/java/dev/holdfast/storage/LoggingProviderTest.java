package dev.holdfast.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.holdfast.storage.filesystem.FileSystemProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LoggingProviderTest {
    private static final String TIME = "ms=\\d+\\.\\d{3}";
    private static final byte[] CONTENT =
            "CONTENT-MUST-NOT-BE-LOGGED".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path root;

    private LoggingProvider provider;
    private final ListAppender<ILoggingEvent> logLines = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(LoggingProvider.class);

    @BeforeEach
    void setUp() throws Exception {
        provider = new LoggingProvider(FileSystemProvider.open("local", root));
        logLines.start();
        logger.addAppender(logLines);
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
    }

    @AfterEach
    void restoreLogger() {
        logger.detachAppender(logLines);
        logger.setLevel(null);
        logger.setAdditive(true);
    }

    @Test
    void eachCall_logsOneKeyValueLine() throws Exception {
        provider.putIfAbsent("data/ab/abcd", CONTENT);
        provider.putIfAbsent("data/ab/abcd", CONTENT);
        provider.get("data/ab/abcd");
        provider.get("data/ab/abcd", 5, 100);
        provider.stat("data/ab/abcd");
        provider.stat("data/absent");
        provider.list("data/", info -> { });
        provider.delete("data/ab/abcd");

        assertThat(messages()).satisfiesExactly(
                line -> assertThat(line).matches("provider=local op=put key=data/ab/abcd"
                        + " bytes=26 " + TIME + " outcome=ok"),
                line -> assertThat(line).matches("provider=local op=put key=data/ab/abcd"
                        + " bytes=26 " + TIME + " outcome=exists"),
                line -> assertThat(line).matches("provider=local op=get key=data/ab/abcd"
                        + " bytes=26 " + TIME + " outcome=ok"),
                line -> assertThat(line).matches("provider=local op=get key=data/ab/abcd"
                        + " offset=5 bytes=21 " + TIME + " outcome=ok"),
                line -> assertThat(line).matches("provider=local op=stat key=data/ab/abcd"
                        + " bytes=26 " + TIME + " outcome=ok"),
                line -> assertThat(line).matches("provider=local op=stat key=data/absent "
                        + TIME + " outcome=absent"),
                line -> assertThat(line).matches("provider=local op=list key=data/"
                        + " objects=1 bytes=26 " + TIME + " outcome=ok"),
                line -> assertThat(line).matches("provider=local op=delete key=data/ab/abcd "
                        + TIME + " outcome=ok"));
        assertThat(logLines.list).extracting(ILoggingEvent::getLevel).containsOnly(Level.DEBUG);
    }

    @Test
    void lines_neverContainContent() throws Exception {
        provider.putIfAbsent("data/x", CONTENT);
        provider.get("data/x");
        provider.get("data/x", 0, 10);

        assertThat(messages()).noneMatch(line -> line.contains("CONTENT"));
    }

    @Test
    void failures_logTheirKind() throws Exception {
        assertThatThrownBy(() -> provider.get("data/missing"))
                .isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> provider.get("bad key"))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(messages()).satisfiesExactly(
                line -> assertThat(line).matches("provider=local op=get key=data/missing "
                        + TIME + " outcome=not_found"),
                line -> assertThat(line).matches("provider=local op=get key=\"bad key\" "
                        + TIME + " outcome=error"));
    }

    @Test
    void disabledDebug_logsNothing() throws Exception {
        logger.setLevel(Level.INFO);

        provider.putIfAbsent("data/x", CONTENT);

        assertThat(logLines.list).isEmpty();
    }

    private List<String> messages() {
        return logLines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
